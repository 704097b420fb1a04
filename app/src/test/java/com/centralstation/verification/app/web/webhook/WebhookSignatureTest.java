package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.testing.ChektSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    private static String hmac(String secret, String data) {
        return ChektSignature.hmacSha256Hex(secret, data);
    }

    private WebhookSignature timestamped() {
        return new WebhookSignature("s3cret", WebhookProperties.SignatureScheme.TIMESTAMPED, Duration.ofMinutes(5), clock);
    }

    @Test
    void timestampsOlderOrNewerThanTheToleranceAreRefusedEvenWhenCorrectlySigned() throws Exception {
        String stale = String.valueOf(NOW.minusSeconds(301).getEpochSecond());
        String fresh = String.valueOf(NOW.minusSeconds(299).getEpochSecond());
        String future = String.valueOf(NOW.plusSeconds(301).getEpochSecond());

        assertThat(timestamped().refusal(stale, hmac("s3cret", stale + "." + new String(body)), body)).contains("minutes");
        assertThat(timestamped().refusal(future, hmac("s3cret", future + "." + new String(body)), body)).contains("minutes");
        assertThat(timestamped().refusal(fresh, hmac("s3cret", fresh + "." + new String(body)), body)).isNull();
    }

    @ParameterizedTest(name = "X-CHeKT-Timestamp: {0}")
    @ValueSource(strings = {"9223372036854775807", "9223372036854775808", "31556889864403200", "99999999999999999999",
            "-1", "-9223372036854775808", "+1764237600", "1764237600.5", "1e9", "0x69283B20", "١٧٦٤٢٣٧٦٠٠", " ", "1764237600 1"})
    void aTimestampThatIsNoSaneUnixTimeIsRefusedWithAReasonNotAnError(String timestamp) throws Exception {
        String signature = hmac("s3cret", timestamp + "." + new String(body));

        assertThat(timestamped().refusal(timestamp, signature, body)).isNotNull();
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithAReason() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertThat(timestamped().refusal(ts, null, body)).isEqualTo("the signature header is missing");
        assertThat(timestamped().refusal(null, "ab", body)).contains("X-CHeKT-Timestamp");
        assertThat(timestamped().refusal("yesterday", "ab", body)).contains("unix seconds");
        assertThat(timestamped().refusal(ts, "not-hex", body)).isEqualTo("the signature does not match");
    }

    @Test
    void theWrongSecretIsRefused() throws Exception {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertThat(timestamped().refusal(ts, hmac("other", ts + "." + new String(body)), body))
                .isEqualTo("the signature does not match");
        assertThat(timestamped().refusal(ts, hmac("s3cret", ts + "." + new String(body)), body))
                .as("the same delivery signed with the configured secret").isNull();
    }

    @Test
    void theLegacySchemeSignsTheBodyAloneWithASha256Prefix() throws Exception {
        WebhookSignature legacy = new WebhookSignature("s3cret", WebhookProperties.SignatureScheme.LEGACY, Duration.ofMinutes(5), clock);
        String hex = hmac("s3cret", new String(body));

        assertThat(legacy.refusal(null, "sha256=" + hex, body)).isNull();
        assertThat(legacy.refusal(null, hex, body)).contains("sha256=");
        assertThat(legacy.refusal(null, "sha256=" + hmac("s3cret", "x"), body)).isEqualTo("the signature does not match");
    }

    @Test
    void headersMadeForABodyVerifyInBothSchemesAndNameTheirHeaders() {
        String ts = String.valueOf(NOW.getEpochSecond());
        WebhookSignature legacy = new WebhookSignature("s3cret", WebhookProperties.SignatureScheme.LEGACY, Duration.ofMinutes(5), clock);

        var signed = timestamped().headersFor(ts, body);
        var signedLegacy = legacy.headersFor(ts, body);

        assertThat(signed).containsOnlyKeys(WebhookSignature.TIMESTAMP_HEADER, WebhookSignature.SIGNATURE_HEADER);
        assertThat(timestamped().refusal(signed.get(WebhookSignature.TIMESTAMP_HEADER),
                signed.get(timestamped().signatureHeader()), body)).isNull();
        assertThat(signedLegacy).containsOnlyKeys(WebhookSignature.LEGACY_SIGNATURE_HEADER);
        assertThat(legacy.refusal(null, signedLegacy.get(legacy.signatureHeader()), body)).isNull();
    }
}
