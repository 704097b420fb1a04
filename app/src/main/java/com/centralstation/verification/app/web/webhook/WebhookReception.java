package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.intake.ChektEvent;
import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.app.intake.DeliveryQuarantine;
import com.centralstation.verification.app.intake.IntakeAttempts;
import com.centralstation.verification.app.intake.RefusalReason;
import com.centralstation.verification.app.intake.UnusableDeliveryException;
import com.centralstation.verification.app.intake.WebhookIntake;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /webhooks/chekt} answers to one delivery, apart from HTTP: the signature first (401,
 * counted, not kept), then the media type and the payload. A signed delivery that cannot be used is answered
 * 400 (415 for a wrong media type) and kept in the quarantine with the headers needed to check it again.
 */
public class WebhookReception {

    private final WebhookSignature signature;
    private final ChektWebhookMapper mapper;
    private final WebhookIntake intake;
    private final DeliveryQuarantine quarantine;

    public WebhookReception(WebhookSignature signature, ChektWebhookMapper mapper, WebhookIntake intake,
                            DeliveryQuarantine quarantine) {
        this.signature = signature;
        this.mapper = mapper;
        this.intake = intake;
        this.quarantine = quarantine;
    }

    /** A delivery as it came: the headers that matter (by their names as CHeKT sends them) and the raw body. */
    public record Delivery(String timestamp, String signature, String contentType, byte[] body) {
    }

    /**
     * @param status the HTTP status
     * @param result what the intake did, for a 2xx; null for a refusal
     * @param field what a refusal names as at fault
     */
    public record Answer(int status, String eventId, WebhookIntake.Result result, String title, String field, String detail) {

        static Answer taken(String eventId, WebhookIntake.Result result) {
            return new Answer(result.stored() ? 202 : 200, eventId, result, null, null, null);
        }

        static Answer refused(int status, String title, String field, String detail) {
            return new Answer(status, null, null, title, field, detail);
        }
    }

    public Answer receive(Delivery delivery) {
        String refusal = signature.refusal(delivery.timestamp(), delivery.signature(), delivery.body());
        if (refusal != null) {
            quarantine.countUnproven(RefusalReason.SIGNATURE);
            return Answer.refused(401, "Signature refused", signature.signatureHeader(), refusal);
        }
        if (!json(delivery.contentType())) {
            String detail = "deliveries must be application/json";
            quarantine.keep(RefusalReason.MEDIA_TYPE, "Content-Type", detail, headers(delivery), delivery.body());
            return Answer.refused(415, "Unsupported media type", "Content-Type", detail);
        }
        try {
            ChektEvent event = mapper.event(delivery.body());
            return Answer.taken(event.id(), IntakeAttempts.handle(intake, event, delivery.body()));
        } catch (UnusableDeliveryException unusable) {
            quarantine.keep(unusable.reason(), unusable.field(), unusable.getMessage(), headers(delivery), delivery.body());
            return Answer.refused(400, "Invalid input", unusable.field(), unusable.getMessage());
        }
    }

    /** Counts a delivery refused before it was read (too large), so its signature is unknown. */
    public void tooLarge() {
        quarantine.countUnproven(RefusalReason.TOO_LARGE);
    }

    private Map<String, String> headers(Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (delivery.timestamp() != null) {
            headers.put(WebhookSignature.TIMESTAMP_HEADER, delivery.timestamp());
        }
        if (delivery.signature() != null) {
            headers.put(signature.signatureHeader(), delivery.signature());
        }
        if (delivery.contentType() != null) {
            headers.put("Content-Type", delivery.contentType());
        }
        return headers;
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }
}
