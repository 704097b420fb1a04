package com.centralstation.verification.app.intake;

import com.centralstation.verification.app.web.webhook.WebhookProperties;
import com.centralstation.verification.app.web.webhook.WebhookReception;
import com.centralstation.verification.app.web.webhook.WebhookSignature;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.testing.FixedAlarmClassifier;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryCallListDirectory;
import com.centralstation.verification.core.testing.InMemoryCancellationTombstones;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook's answer logic ({@link WebhookReception}) with the real mapper, intake and use cases, on
 * in-memory ports: fast enough to run thousands of generated deliveries.
 */
final class IntakeFixture {

    static final String SECRET = "whsec_fixture";

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-26T10:21:34Z"));
    final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final InMemoryCancellationTombstones tombstones = new InMemoryCancellationTombstones();
    final Inbox inbox = new Inbox();
    final Quarantine quarantine = new Quarantine();
    final List<UUID> started = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WebhookReception reception;

    IntakeFixture() {
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
        ChektWebhookMapper mapper = new ChektWebhookMapper(new ObjectMapper());
        ReceiveVerificationRequest receive = new ReceiveVerificationRequest(verifications, new InMemoryCallListDirectory(),
                new FixedAlarmClassifier(), process, tombstones, audit, VerificationMetrics.NONE, clock, Duration.ofHours(24));
        CancelVerification cancel = new CancelVerification(verifications, process, tombstones, audit, VerificationMetrics.NONE,
                clock);
        WebhookIntake intake = new WebhookIntake(inbox, mapper, receive, cancel, audit, clock);
        WebhookSignature signature = new WebhookSignature(SECRET, WebhookProperties.SignatureScheme.TIMESTAMPED,
                Duration.ofMinutes(5), clock);
        reception = new WebhookReception(signature, mapper, intake, new DeliveryQuarantine(quarantine, meters, clock));
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    double refusedCount(RefusalReason reason) {
        return meters.counter("chekt.webhooks.refused", "reason", reason.tag()).count();
    }

    static final class Inbox implements DeliveryInbox {
        final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

        @Override
        public boolean firstDelivery(String eventId, String eventType, UUID verificationId, byte[] body, Instant receivedAt) {
            return bodies.putIfAbsent(eventId, body) == null;
        }
    }

    static final class Quarantine implements RefusedDeliveries {
        final List<QuarantinedDelivery> kept = new CopyOnWriteArrayList<>();
        private final AtomicLong ids = new AtomicLong();
        volatile boolean down;

        @Override
        public long keep(RefusedDelivery delivery) {
            if (down) {
                throw new IllegalStateException("database unavailable");
            }
            long id = ids.incrementAndGet();
            kept.add(new QuarantinedDelivery(id, delivery));
            return id;
        }

        @Override
        public List<QuarantinedDelivery> newestFirst(int limit) {
            List<QuarantinedDelivery> newest = new ArrayList<>(kept);
            java.util.Collections.reverse(newest);
            return newest.subList(0, Math.min(limit, newest.size()));
        }

        @Override
        public int discard(Instant cutoff, int keepAtMost) {
            throw new UnsupportedOperationException("the JDBC adapter's own test covers purging");
        }
    }
}
