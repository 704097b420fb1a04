package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.core.domain.RefusalReason;
import com.centralstation.verification.core.usecase.ChektDelivery;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import com.centralstation.verification.core.usecase.ReceiveChektDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /webhooks/chekt} answers to one delivery, apart from HTTP: the signature first (401, counted, not
 * kept), then the media type, then CHeKT's JSON read once ({@link ChektWebhookMapper}) and handed to the intake
 * ({@link ReceiveChektDelivery}), whose commit is what a 202 answers; a request taken in wakes the inbox's starter. A
 * signed delivery that cannot be used is answered 400 (415 for a wrong media type) and kept in the quarantine with the
 * headers needed to check it again.
 */
public class WebhookReception {

    private static final Logger log = LoggerFactory.getLogger(WebhookReception.class);

    private final WebhookSignature signature;
    private final ChektWebhookMapper mapper;
    private final ReceiveChektDelivery intake;
    private final DeliveryQuarantine quarantine;
    private final Runnable wakeStarter;

    /** @param wakeStarter wakes this node's inbox starter, after a request was taken in (and committed) */
    public WebhookReception(WebhookSignature signature, ChektWebhookMapper mapper, ReceiveChektDelivery intake,
                            DeliveryQuarantine quarantine, Runnable wakeStarter) {
        this.signature = signature;
        this.mapper = mapper;
        this.intake = intake;
        this.quarantine = quarantine;
        this.wakeStarter = wakeStarter;
    }

    /** A delivery as it came: the headers that matter (by their names as CHeKT sends them) and the raw body. */
    public record Delivery(String timestamp, String signature, String contentType, byte[] body) {
    }

    /**
     * @param status the HTTP status
     * @param result what the intake did, for a 2xx; null for a refusal
     * @param field what a refusal names as at fault
     */
    public record Answer(int status, String eventId, ReceiveChektDelivery.Result result, String title, String field,
                         String detail) {

        static Answer taken(String eventId, ReceiveChektDelivery.Result result) {
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
            keep(RefusalReason.MEDIA_TYPE, "Content-Type", detail, delivery);
            return Answer.refused(415, "Unsupported media type", "Content-Type", detail);
        }
        ChektDelivery read;
        try {
            read = mapper.delivery(delivery.body());
        } catch (UnusableDeliveryException unusable) {
            keep(unusable.reason(), unusable.field(), unusable.getMessage(), delivery);
            return Answer.refused(400, "Invalid input", unusable.field(), unusable.getMessage());
        }
        ReceiveChektDelivery.Result result = intake.receive(read);
        if (result == ReceiveChektDelivery.Result.ACCEPTED) {
            wakeStarter.run();
        }
        return Answer.taken(read.eventId(), result);
    }

    /** Counts a delivery refused before it was read (too large), so its signature is unknown. */
    public void tooLarge() {
        quarantine.countUnproven(RefusalReason.TOO_LARGE);
    }

    /** When even keeping fails (the database is down), the delivery is logged whole instead and still answered 4xx. */
    private void keep(RefusalReason reason, String field, String detail, Delivery delivery) {
        Map<String, String> headers = headers(delivery);
        DeliveryQuarantine.Kept kept = quarantine.keep(reason, field, detail, headers, delivery.body());
        if (kept.id().isPresent()) {
            log.warn("Refused a signed CHeKT delivery ({}, field {}): {}; kept as refused delivery {} ({} bytes)",
                    reason.tag(), field, detail, kept.id().getAsLong(), delivery.body().length);
        } else {
            log.error("Refused a signed CHeKT delivery ({}, field {}): {}; it could not be kept ({} bytes, headers {})",
                    reason.tag(), field, detail, delivery.body().length, headers, kept.failure());
        }
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
