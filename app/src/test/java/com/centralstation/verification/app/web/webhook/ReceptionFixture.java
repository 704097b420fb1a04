package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.metrics.MicrometerVerificationMetrics;
import com.centralstation.verification.app.testing.ChektSignature;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.testing.FixedAlarmClassifier;
import com.centralstation.verification.core.testing.ImmediateUnitOfWork;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryCallListDirectory;
import com.centralstation.verification.core.testing.InMemoryCancellationTombstones;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.InMemoryRefusedDeliveries;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import com.centralstation.verification.core.usecase.ReceiveChektDelivery;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import com.centralstation.verification.core.usecase.StartVerification;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The webhook's answer logic ({@link WebhookReception}) with the real mapper, intake and use cases, on in-memory
 * ports: fast enough to run thousands of generated deliveries. A request taken in is started at once from the bytes
 * the inbox kept, as the inbox's starter would start it when nudged.
 */
final class ReceptionFixture {

    static final String SECRET = "whsec_fixture";

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:21:34Z"));
    final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemoryCancellationTombstones tombstones = new InMemoryCancellationTombstones();
    final InMemoryDeliveryInbox inbox = new InMemoryDeliveryInbox();
    final InMemoryRefusedDeliveries quarantine = new InMemoryRefusedDeliveries();
    final List<UUID> started = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WebhookReception reception;

    ReceptionFixture() {
        VerificationProcess process = new VerificationProcess() {
            @Override
            public void start(Verification verification) {
                started.add(verification.id());
            }

            @Override
            public Correlation decide(UUID verificationId, ContactDecision decision) {
                return Correlation.NOT_WAITING;
            }

            @Override
            public boolean contactUnreachable(UUID verificationId, long contactId) {
                return false;
            }

            @Override
            public boolean cancel(UUID verificationId, String reason) {
                return started.contains(verificationId);
            }
        };
        StartVerification start = new StartVerification(verifications, new InMemoryCallListDirectory(), process, tombstones,
                audit, VerificationMetrics.NONE, Duration.ofHours(24));
        ReceiveVerificationRequest receive = new ReceiveVerificationRequest(inbox, new FixedAlarmClassifier(), tombstones,
                start, audit, clock, Duration.ofHours(24));
        CancelVerification cancel = new CancelVerification(verifications, process, tombstones, audit, VerificationMetrics.NONE,
                clock);
        ImmediateUnitOfWork unitOfWork = new ImmediateUnitOfWork();
        ReceiveChektDelivery intake = new ReceiveChektDelivery(unitOfWork, inbox, List.of(receive, cancel), audit, clock);
        WebhookSignature signature = new WebhookSignature(SECRET, WebhookProperties.SignatureScheme.TIMESTAMPED,
                Duration.ofMinutes(5), clock);
        DeliveryQuarantine refusals = new DeliveryQuarantine(quarantine, new MicrometerVerificationMetrics(meters), clock,
                Duration.ofDays(7), 10_000);
        ChektWebhookMapper mapper = new ChektWebhookMapper(new ObjectMapper());
        // the starter reads the bytes the inbox kept with the webhook's own mapper, as the service wires it
        StartReceivedVerifications starts = new StartReceivedVerifications(unitOfWork, inbox, mapper::delivery, start,
                refusals, audit, clock, 10, 3);
        reception = new WebhookReception(signature, mapper, intake, refusals, () -> {
            while (starts.startNext().tookAny()) {
                // as the starter does when nudged: batch after batch until none is left
            }
        });
    }

    /** Delivers {@code body} signed as CHeKT signs it. */
    WebhookReception.Answer deliver(String body) {
        return deliver(body.getBytes(StandardCharsets.UTF_8));
    }

    WebhookReception.Answer deliver(byte[] body) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return reception.receive(new WebhookReception.Delivery(timestamp, sign(timestamp, body), "application/json", body));
    }

    static String sign(String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return ChektSignature.hmacSha256Hex(SECRET, signed);
    }

    double refusedCount(RefusalReason reason) {
        return meters.counter("chekt.webhooks.refused", "reason", reason.tag()).count();
    }
}
