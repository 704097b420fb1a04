package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Actor;
import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.AuditDetail;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.AuditEventType;
import com.centralstation.verification.core.domain.CallOutcome;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactsTried;
import com.centralstation.verification.core.domain.EvidencePack;
import com.centralstation.verification.core.domain.MaskedAddress;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.PolicyStep;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Puts together the evidence pack of one verification from what the station recorded: the stored
 * verification, the notification log, the phone calls and the audit trail, whose hash chain it checks on the way.
 */
public final class AssembleEvidencePack {

    private final VerificationRepository verifications;
    private final NotificationLog notifications;
    private final PhoneCalls calls;
    private final AuditTrail audit;
    private final Clock clock;

    public AssembleEvidencePack(VerificationRepository verifications, NotificationLog notifications, PhoneCalls calls,
                                AuditTrail audit, Clock clock) {
        this.verifications = verifications;
        this.notifications = notifications;
        this.calls = calls;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<EvidencePack> assemble(UUID verificationId) {
        return verifications.find(verificationId).map(record -> assemble(record, audit.timeline(verificationId)));
    }

    private EvidencePack assemble(VerificationRecord record, List<AuditEvent> timeline) {
        UUID id = record.verification().id();
        List<NotificationAttempt> attempts = notifications.attempts(id);
        Optional<EvidencePack.Decision> decision = record.decision().map(d -> decision(record, d, timeline));
        Instant decidedAt = decision.flatMap(EvidencePack.Decision::receivedAt).orElse(Instant.MAX);
        return new EvidencePack(record.verification(), record.state(), record.closeReason(), callList(record),
                attempts.stream().map(AssembleEvidencePack::attempt).toList(), policySteps(timeline), decision,
                chektExchanges(timeline), AlarmValidation.lastRecorded(timeline), ecv(record, attempts, decidedAt),
                audit.checkChain(id), timeline.stream().map(AssembleEvidencePack::masked).toList(), clock.instant(),
                calls.ofVerification(id).stream().map(AssembleEvidencePack::call).toList(), record.notified());
    }

    private static EvidencePack.Call call(PhoneCall call) {
        return new EvidencePack.Call(call.placedAt(), call.contactId(), MaskedAddress.of(call.to()), call.callSid(),
                call.statusChanges().stream().map(change -> change.status().code() + " " + change.at()).toList(),
                call.answeredBy(), call.keysPressed(),
                call.durationSeconds().isPresent() ? Optional.of(call.durationSeconds().getAsInt()) : Optional.empty(),
                call.outcome().map(CallOutcome::code));
    }

    /** Details written as free text (a gateway's or CHeKT's words, a reason given with them), which may hold addresses. */
    private static final Set<String> FREE_TEXT = Set.of(AuditDetail.REASON, AuditDetail.MESSAGE, AuditDetail.NOTE,
            AuditDetail.REFUSAL);

    /** The event as the pack shows it: its free-text details with addresses masked. The stored row is untouched. */
    private static AuditEvent masked(AuditEvent event) {
        Map<String, String> details = new HashMap<>(event.details());
        details.replaceAll((key, value) -> FREE_TEXT.contains(key) ? MaskedAddress.inText(value) : value);
        return new AuditEvent(event.verificationId(), event.at(), event.type(), event.actor(), details);
    }

    private static List<EvidencePack.ListedContact> callList(VerificationRecord record) {
        List<Contact> contacts = record.verification().callList().contacts();
        return IntStream.range(0, contacts.size()).mapToObj(i -> {
            Contact c = contacts.get(i);
            return new EvidencePack.ListedContact(i + 1, c.contactId(), c.displayName(), MaskedAddress.of(c.phoneNumber()),
                    MaskedAddress.of(c.email()));
        }).toList();
    }

    private static EvidencePack.Attempt attempt(NotificationAttempt attempt) {
        return new EvidencePack.Attempt(attempt.attemptedAt(), attempt.contactId(), attempt.channel(),
                MaskedAddress.of(attempt.address()), attempt.result(), MaskedAddress.inText(attempt.detail()));
    }

    private static List<PolicyStep> policySteps(List<AuditEvent> timeline) {
        return timeline.stream().filter(e -> e.type() == AuditEventType.POLICY_APPLIED).map(PolicyStep::from).toList();
    }

    private static EvidencePack.Decision decision(VerificationRecord record, ContactDecision decision, List<AuditEvent> timeline) {
        Optional<AuditEvent> received = timeline.stream().filter(e -> e.type() == AuditEventType.DECISION_RECEIVED).findFirst();
        String name = record.verification().callList().find(decision.contactId()).map(Contact::displayName)
                .orElse("contact " + decision.contactId());
        Optional<ResponseTime> band = record.firstNotifiedAt().map(first -> ResponseTime.of(first, decision.respondedAt()));
        return new EvidencePack.Decision(decision.contactId(), name, decision.action(), decision.source(),
                received.map(AuditEvent::actor).orElse(Actor.decidedBy(decision)), decision.respondedAt(),
                received.map(AuditEvent::at), band);
    }

    private static List<EvidencePack.ChektExchange> chektExchanges(List<AuditEvent> timeline) {
        List<EvidencePack.ChektExchange> exchanges = new ArrayList<>();
        for (AuditEvent event : timeline) {
            Map<String, String> d = event.details();
            switch (event.type()) {
                case DECISION_SUBMITTED -> exchanges.add(new EvidencePack.ChektExchange(event.at(), "accepted",
                        d.get(AuditDetail.TRACE_ID), d.get(AuditDetail.STATUS), d.get(AuditDetail.CHEKT_ID),
                        null, d.get(AuditDetail.REQUEST_ID)));
                case SUBMISSION_FAILED, CLOSED_BY_CHEKT -> exchanges.add(new EvidencePack.ChektExchange(event.at(),
                        event.type() == AuditEventType.CLOSED_BY_CHEKT ? "closed by CHeKT" : "failed: " + d.get(AuditDetail.OUTCOME),
                        d.get(AuditDetail.TRACE_ID), d.get(AuditDetail.STATUS), null, error(d), d.get(AuditDetail.REQUEST_ID)));
                default -> {
                    // not an exchange with CHeKT
                }
            }
        }
        return exchanges;
    }

    private static String error(Map<String, String> details) {
        String code = details.get(AuditDetail.ERROR_CODE);
        String message = details.get(AuditDetail.MESSAGE);
        return MaskedAddress.inText(code == null ? message : code + (message == null ? "" : ": " + message));
    }

    private static EvidencePack.EcvSummary ecv(VerificationRecord record, List<NotificationAttempt> attempts, Instant decidedAt) {
        ContactsTried tried = ContactsTried.upTo(decidedAt, record, attempts);
        Map<String, Integer> byChannel = attempts.stream()
                .filter(a -> !a.attemptedAt().isAfter(decidedAt) && a.address() != null)
                .collect(Collectors.groupingBy(NotificationAttempt::channel,
                        Collectors.collectingAndThen(Collectors.mapping(NotificationAttempt::address, Collectors.toSet()), Set::size)));
        return new EvidencePack.EcvSummary(tried.contacts(), tried.addresses(), byChannel);
    }
}
