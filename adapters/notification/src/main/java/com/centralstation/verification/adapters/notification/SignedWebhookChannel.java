package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the station's own automation software, which then reaches the contact its own way. The
 * receiver checks {@code X-Verification-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * and rejects stale {@code X-Verification-Timestamp}s, so a captured request cannot be replayed later.
 */
final class SignedWebhookChannel implements NotificationChannel {

    static final String SIGNATURE_HEADER = "X-Verification-Signature";
    static final String TIMESTAMP_HEADER = "X-Verification-Timestamp";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RestClient client;
    private final URI url;
    private final SecretKeySpec key;
    private final Clock clock;
    private final HttpTimeouts timeouts;

    SignedWebhookChannel(SignedWebhookProperties settings, HttpTimeouts timeouts, Clock clock) {
        this.client = RestClient.builder().requestFactory(timeouts.requestFactory()).build();
        this.url = settings.url();
        this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "webhook";
    }

    /** The station's software knows how to reach every contact. */
    @Override
    public Optional<String> addressOf(Contact contact) {
        return Optional.of(url.toString());
    }

    @Override
    public String send(String address, ContactMessage message) {
        String body = json(Payload.of(message));
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        ResponseEntity<Void> response;
        try {
            response = client.post()
                    .uri(url)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + sign(timestamp + "." + body))
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientException e) {
            throw HttpDelivery.failure("station webhook", e);
        }
        return "HTTP " + response.getStatusCode().value();
    }

    @Override
    public Optional<Duration> longestSend() {
        return Optional.of(timeouts.longestExchange());
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String json(Payload payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload is plain data and always serialisable", e);
        }
    }

    /** The wire format, snake_case like the inbound webhook. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payload(@JsonProperty("type") String type,
                   @JsonProperty("verification_id") UUID verificationId,
                   @JsonProperty("site") Site site,
                   @JsonProperty("alarm") AlarmSummary alarm,
                   @JsonProperty("contact") ContactSummary contact,
                   @JsonProperty("position") int position,
                   @JsonProperty("response_link") String responseLink) {

        static Payload of(ContactMessage message) {
            return new Payload("contact.notification",
                    message.verificationId(),
                    new Site(message.site().dealerId(), message.site().siteId()),
                    new AlarmSummary(message.alarm().alarmId(), message.alarm().trigger(), message.alarm().priority(),
                            message.alarm().location(), message.alarm().snapshotUrl(), message.alarmTime().toString()),
                    new ContactSummary(message.contact().contactId(), message.contact().displayName()),
                    message.position(),
                    message.responseLink().toString());
        }
    }

    record Site(@JsonProperty("dealer_id") String dealerId, @JsonProperty("site_id") String siteId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AlarmSummary(@JsonProperty("alarm_id") String alarmId,
                        @JsonProperty("trigger") String trigger,
                        @JsonProperty("priority") String priority,
                        @JsonProperty("location") String location,
                        @JsonProperty("snapshot_url") String snapshotUrl,
                        @JsonProperty("occurred_at") String occurredAt) {
    }

    record ContactSummary(@JsonProperty("contact_id") long contactId, @JsonProperty("name") String name) {
    }
}
