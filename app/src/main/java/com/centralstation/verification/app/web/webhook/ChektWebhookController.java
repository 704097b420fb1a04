package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /webhooks/chekt}: CHeKT's signed deliveries. The raw bytes are read (bounded) and the
 * signature checked before anything is parsed; {@link WebhookReception} decides the answer.
 */
@RestController
public class ChektWebhookController {

    public static final String PATH = "/webhooks/chekt";

    private final WebhookProperties properties;
    private final WebhookSignature signature;
    private final WebhookReception reception;

    public ChektWebhookController(WebhookProperties properties, WebhookSignature signature, WebhookReception reception) {
        this.properties = properties;
        this.signature = signature;
        this.reception = reception;
    }

    @PostMapping(path = PATH)
    public ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long limit = properties.webhookMaxBody().toBytes();
        byte[] body = null;
        if (request.getContentLengthLong() <= limit) {
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes((int) limit + 1);
            }
        }
        if (body == null || body.length > limit) {
            reception.tooLarge();
            return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "body",
                    "the body is larger than " + limit + " bytes");
        }
        WebhookReception.Answer answer = reception.receive(new WebhookReception.Delivery(
                request.getHeader(WebhookSignature.TIMESTAMP_HEADER), request.getHeader(signature.signatureHeader()),
                request.getContentType(), body));
        if (answer.result() == null) {
            return ApiProblems.problem(HttpStatusCode.valueOf(answer.status()), answer.title(), answer.field(), answer.detail());
        }
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("event_id", answer.eventId(), "result", answer.result().name().toLowerCase(Locale.ROOT)));
    }
}
