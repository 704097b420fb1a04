package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.ChektDelivery;
import com.centralstation.verification.core.usecase.VerificationRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vectors of the inbound contract (copied from shared/contract into test resources): that body
 * with that timestamp and secret verifies; one changed byte does not; and it maps to the verification
 * whose PATCH the contract shows (the PATCH itself is pinned over HTTP in the end-to-end test).
 */
class ContractVectorsTest {

    static final String SECRET = "whsec_test_secret";
    static final String TIMESTAMP = "1779790894";
    static final String SIGNATURE = "29408b6258ff3be792dfe3de32fd721fe8cf5a1e619527a6cb5bace65faa89bd";

    private final Clock atSigningTime = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(TIMESTAMP)).plusSeconds(3), ZoneOffset.UTC);
    private final WebhookSignature signature = new WebhookSignature(SECRET, WebhookProperties.SignatureScheme.TIMESTAMPED,
            Duration.ofMinutes(5), atSigningTime);

    static byte[] contractBody() {
        return TestAlarm.contractBody().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theContractBodyVerifiesWithItsTimestampAndSecret() throws IOException {
        assertThat(signature.refusal(TIMESTAMP, SIGNATURE, contractBody())).isNull();
    }

    @Test
    void everySingleChangedByteIsRefused() throws IOException {
        byte[] body = contractBody();
        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 0x01;
            assertThat(signature.refusal(TIMESTAMP, SIGNATURE, tampered)).as("byte %d changed", i)
                    .isEqualTo("the signature does not match");
        }
    }

    @Test
    void aChangedTimestampOrSignatureIsRefused() throws IOException {
        assertThat(signature.refusal("1779790895", SIGNATURE, contractBody())).isEqualTo("the signature does not match");
        assertThat(signature.refusal(TIMESTAMP, SIGNATURE.replace('a', 'b'), contractBody())).isEqualTo("the signature does not match");
        assertThat(signature.refusal(TIMESTAMP, SIGNATURE.toUpperCase(), contractBody())).isNull();
    }

    @Test
    void theContractBodyMapsToTheVerificationWhosePatchTheContractShows() throws IOException {
        ChektWebhookMapper mapper = new ChektWebhookMapper(new ObjectMapper());

        ChektDelivery delivery = mapper.delivery(contractBody());
        VerificationRequest request = delivery.event(VerificationRequest.class);

        assertThat(delivery.eventId()).isEqualTo("evt_2hKqx9");
        assertThat(delivery.eventType()).isEqualTo("verification.requested");
        assertThat(request.chekt().site().dealerId()).isEqualTo("12345");
        assertThat(request.chekt().site().siteId()).isEqualTo("1");
        assertThat(request.chekt().alarmVerificationId()).isEqualTo(1L);
        assertThat(request.chekt().verificationId()).isEqualTo(UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
        assertThat(request.alarm().trigger()).isEqualTo("motion");
        assertThat(request.alarm().occurredAt()).isEqualTo(Instant.parse("2026-05-26T10:21:30Z"));
        assertThat(request.contacts()).extracting(c -> c.contactId()).containsExactly(67890L, 67891L, 67892L);
        assertThat(request.contacts().get(2).email()).isNull();
        assertThat(delivery.repairs()).as("the contract's own example needs no repair").isEmpty();
        assertThat(VerificationAction.fromCode("dispatch")).isPresent();
    }
}
