package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side: one verification with its timeline, the verifications in a state, or a site's latest. A request taken in and not
 * started yet is shown {@link VerificationState#RECEIVED}, read from what the inbox kept, with the call list it will
 * start with (sent with it, or the site's stored one as it is now) and nobody notified.
 */
public final class VerificationQueries {

    private final VerificationRepository verifications;
    private final DeliveryInbox inbox;
    private final StoredDeliveryReader reader;
    private final CallListDirectory callLists;
    private final AuditTrail audit;

    public VerificationQueries(VerificationRepository verifications, DeliveryInbox inbox, StoredDeliveryReader reader,
                               CallListDirectory callLists, AuditTrail audit) {
        this.verifications = verifications;
        this.inbox = inbox;
        this.reader = reader;
        this.callLists = callLists;
        this.audit = audit;
    }

    public Optional<VerificationView> find(UUID verificationId) {
        // the inbox after the table, and the table again: a start committing in between moves it from one to the other
        return verifications.find(verificationId)
                .or(() -> inbox.waiting(verificationId).flatMap(this::received))
                .or(() -> verifications.find(verificationId))
                .map(record -> new VerificationView(record, audit.timeline(verificationId)));
    }

    public List<VerificationRecord> inState(VerificationState state, int limit) {
        if (state == VerificationState.RECEIVED) {
            return inbox.waiting(limit).stream().map(this::received).flatMap(Optional::stream).toList();
        }
        return verifications.findByState(state, limit);
    }

    /**
     * The latest verifications of one site, newest first, whatever their state: those started (from the table)
     * and those taken in and not started yet (from the inbox, shown {@link VerificationState#RECEIVED}).
     */
    public List<VerificationRecord> recentAt(SiteRef site, int limit) {
        Map<UUID, VerificationRecord> byId = new LinkedHashMap<>();
        inState(VerificationState.RECEIVED, limit).stream().filter(record -> record.verification().site().equals(site))
                .forEach(record -> byId.put(record.verification().id(), record));
        // the table after the inbox: a start committing in between shows as started
        verifications.findRecentAtSite(site, limit).forEach(record -> byId.put(record.verification().id(), record));
        return byId.values().stream()
                .sorted(Comparator.comparing((VerificationRecord record) -> record.verification().receivedAt()).reversed())
                .limit(limit).toList();
    }

    /** Empty when the kept body no longer reads: the starter will quarantine it. */
    private Optional<VerificationRecord> received(DeliveryInbox.WaitingRequest waiting) {
        VerificationRequest request;
        try {
            request = reader.read(waiting.body()).event(VerificationRequest.class);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        CallList callList = request.contacts().isEmpty()
                ? callLists.find(request.chekt().site()).orElse(CallList.empty())
                : new CallList(request.contacts());
        Verification verification = new Verification(request.chekt(), request.alarm(), callList, waiting.receivedAt(),
                waiting.alarmClass());
        return Optional.of(new VerificationRecord(verification, VerificationState.RECEIVED, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    public record VerificationView(VerificationRecord record, List<AuditEvent> timeline) {
    }
}
