package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.testing.FixedAlarmClassifier;
import com.centralstation.verification.core.testing.FixedValidationTables;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryCancellationTombstones;
import com.centralstation.verification.core.testing.InMemoryCallListDirectory;
import com.centralstation.verification.core.testing.ImmediateUnitOfWork;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.InMemoryDeliveryReader;
import com.centralstation.verification.core.testing.InMemoryRefusedDeliveries;
import com.centralstation.verification.core.testing.RecordingMetrics;
import com.centralstation.verification.core.testing.InMemoryNotificationLog;
import com.centralstation.verification.core.testing.InMemoryPhoneCalls;
import com.centralstation.verification.core.testing.InMemoryResponseTokenStore;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.RecordingContactNotifier;
import com.centralstation.verification.core.testing.TestVerifications;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The use cases wired to in-memory ports. The process here behaves as the BPMN does at its edges:
 * a decision is taken once, through {@link AcceptDecision}, and only while the verification waits.
 */
final class UseCaseFixture {

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:21:34Z"));
    final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemoryCancellationTombstones tombstones = new InMemoryCancellationTombstones();
    static final Duration TOMBSTONE_EXPIRY = Duration.ofHours(24);
    final InMemoryCallListDirectory callLists = new InMemoryCallListDirectory();
    final RecordingContactNotifier notifier = new RecordingContactNotifier();
    final InMemoryResponseTokenStore tokens = new InMemoryResponseTokenStore();
    final RecordingChektGateway chekt = new RecordingChektGateway(clock);
    final InMemoryNotificationLog notifications = new InMemoryNotificationLog();
    final FixedValidationTables validationTables = new FixedValidationTables(1);
    final AcceptDecision acceptDecision = new AcceptDecision(verifications, audit, VerificationMetrics.NONE, clock,
            validationTables, notifications);
    final InProcessWorkflow process = new InProcessWorkflow();
    final CancelVerification cancel = new CancelVerification(verifications, process, tombstones, audit, VerificationMetrics.NONE,
            clock);

    final FixedAlarmClassifier classifier = new FixedAlarmClassifier();
    final InMemoryDeliveryInbox inbox = new InMemoryDeliveryInbox();
    final StartVerification start = new StartVerification(verifications, callLists, process, tombstones, audit,
            VerificationMetrics.NONE, TOMBSTONE_EXPIRY);
    final ReceiveVerificationRequest receive = new ReceiveVerificationRequest(inbox, classifier, tombstones, start, audit,
            clock, TOMBSTONE_EXPIRY);
    final ImmediateUnitOfWork unitOfWork = new ImmediateUnitOfWork();
    final InMemoryDeliveryReader reader = new InMemoryDeliveryReader();
    final InMemoryRefusedDeliveries refused = new InMemoryRefusedDeliveries();
    final RecordingMetrics metrics = new RecordingMetrics();
    final DeliveryQuarantine quarantine = new DeliveryQuarantine(refused, metrics, clock, Duration.ofDays(7), 10_000);
    static final int BATCH = 3;
    static final int MAX_ATTEMPTS = 3;
    final StartReceivedVerifications starter = new StartReceivedVerifications(unitOfWork, inbox, reader, start, quarantine,
            audit, clock, BATCH, MAX_ATTEMPTS);
    final ReceiveChektDelivery intake = new ReceiveChektDelivery(unitOfWork, inbox, List.of(receive, cancel), audit, clock);
    final NotifyNextContact notifyNext = new NotifyNextContact(verifications, notifier, tokens, notifications, unitOfWork,
            audit, VerificationMetrics.NONE, clock, Duration.ofHours(24));
    final RecordDecision recordDecision = new RecordDecision(verifications, inbox, process, audit, clock, Duration.ofSeconds(30));
    final SubmitDecision submitDecision = new SubmitDecision(verifications, chekt, audit, VerificationMetrics.NONE, clock);
    final CancelBySupervisor cancelBySupervisor = new CancelBySupervisor(verifications, audit, VerificationMetrics.NONE, clock);

    final ResponseLinks responseLinks = new ResponseLinks(tokens, verifications, recordDecision, clock);
    final InMemoryPhoneCalls phoneCalls = new InMemoryPhoneCalls();
    final AnswerPhoneCall answerPhoneCall = new AnswerPhoneCall(phoneCalls, verifications, recordDecision, audit, clock);

    /** The contract's verification is received and its first contact, Ann, is notified and called: the call's id. */
    String annIsCalled(String sid) {
        receiveAndStart(TestVerifications.contractRequest());
        notifyNext.notifyNext(TestVerifications.CONTRACT_VERIFICATION_ID);
        return callPlaced(TestVerifications.ANN, 1, sid);
    }

    /** A phone call to the contract verification's contact, placed and named by the provider: the call's id. */
    String callPlaced(Contact contact, int position, String sid) {
        PhoneCall call = PhoneCall.dialling(TestVerifications.CONTRACT_VERIFICATION_ID, contact.contactId(), position,
                contact.phoneNumber(), clock.instant());
        phoneCalls.open(call);
        phoneCalls.placed(call.callId(), sid);
        return call.callId();
    }

    /** A decision of one contact, taken now through the station's API. */
    ContactDecision decision(long contactId, VerificationAction action) {
        return new ContactDecision(contactId, action, clock.instant(), DecisionSource.STATION_API);
    }

    /** The contract's verification is received, Ann is notified and her decision is recorded. */
    void decided(VerificationAction action) {
        receiveAndStart(TestVerifications.contractRequest());
        notifyNext.notifyNext(TestVerifications.CONTRACT_VERIFICATION_ID);
        recordDecision.record(TestVerifications.CONTRACT_VERIFICATION_ID, decision(TestVerifications.ANN.contactId(), action));
    }

    /**
     * A request taken in by the intake as CHeKT's delivery of it, left waiting for the starter unless its class starts
     * it at once; a readable one is shown to the reader, so its kept body reads back.
     */
    ReceiveChektDelivery.Result takeIn(VerificationRequest request, boolean readable) {
        UUID verificationId = request.chekt().verificationId();
        ChektDelivery delivery = new ChektDelivery("evt_" + verificationId, VerificationRequest.EVENT_TYPE, request,
                ("{\"id\":\"evt_" + verificationId + "\"}").getBytes(StandardCharsets.UTF_8));
        return intake.receive(readable ? reader.remember(delivery) : delivery);
    }

    /** A request classed and started at once, as the intake does for a life-safety alarm and the starter for others. */
    StartVerification.Outcome receiveAndStart(VerificationRequest request) {
        return start.start(request, classifier.classify(request.alarm()), clock.instant());
    }

    final class InProcessWorkflow implements VerificationProcess {
        final List<UUID> started = new ArrayList<>();
        final List<Verification> startedWith = new ArrayList<>();
        final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
        /** Verifications whose workflow still sends its first notification. */
        final Set<UUID> notYetWaiting = ConcurrentHashMap.newKeySet();

        /** Verifications whose start the engine refuses, as it would one its model cannot run. */
        final Set<UUID> refusedStarts = ConcurrentHashMap.newKeySet();

        @Override
        public void start(Verification verification) {
            if (refusedStarts.contains(verification.id())) {
                throw new IllegalStateException("ENGINE-02004 the model cannot start " + verification.id());
            }
            started.add(verification.id());
            startedWith.add(verification);
            waiting.add(verification.id());
        }

        /** When set, the next decision fails on the way, as the engine or the database might. */
        volatile RuntimeException failNextDecision;

        @Override
        public Correlation decide(UUID verificationId, ContactDecision decision) {
            RuntimeException failure = failNextDecision;
            if (failure != null) {
                failNextDecision = null;
                throw failure;
            }
            if (notYetWaiting.contains(verificationId)) {
                return Correlation.NOT_YET_WAITING;
            }
            if (!waiting.remove(verificationId)) {
                return Correlation.NOT_WAITING;
            }
            acceptDecision.accept(verificationId, decision);
            return Correlation.ACCEPTED;
        }

        /** Contacts the workflow was told were unreachable, in order, while it waited. */
        final List<Long> unreachable = new ArrayList<>();

        @Override
        public boolean contactUnreachable(UUID verificationId, long contactId) {
            if (!waiting.contains(verificationId)) {
                return false;
            }
            unreachable.add(contactId);
            return true;
        }

        @Override
        public boolean cancel(UUID verificationId, String reason) {
            return waiting.remove(verificationId);
        }
    }
}
