package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.port.out.PhoneCalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Keeps phone calls in memory for tests; each change is atomic, as the port promises. */
public final class InMemoryPhoneCalls implements PhoneCalls {

    private final Map<String, PhoneCall> calls = new LinkedHashMap<>();

    @Override
    public synchronized void open(PhoneCall call) {
        if (calls.putIfAbsent(call.callId(), call) != null) {
            throw new IllegalStateException("call " + call.callId() + " exists");
        }
    }

    @Override
    public synchronized void placed(String callId, String callSid) {
        calls.computeIfPresent(callId, (id, call) -> call.placed(callSid));
    }

    @Override
    public synchronized Optional<PhoneCall> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public synchronized Optional<Change> change(String callId, UnaryOperator<PhoneCall> change) {
        PhoneCall before = calls.get(callId);
        if (before == null) {
            return Optional.empty();
        }
        PhoneCall after = change.apply(before);
        calls.put(callId, after);
        return Optional.of(new Change(before, after));
    }

    @Override
    public synchronized List<PhoneCall> ofVerification(UUID verificationId) {
        return new ArrayList<>(calls.values().stream().filter(call -> call.verificationId().equals(verificationId)).toList());
    }
}
