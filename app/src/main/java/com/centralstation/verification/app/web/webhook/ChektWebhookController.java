package com.centralstation.verification.app.web.webhook;

import com.centralstation.verification.app.intake.ChektEvent;
import com.centralstation.verification.app.intake.ChektWebhookMapper;
import com.centralstation.verification.app.intake.WebhookIntake;
import com.centralstation.verification.app.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
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
 * signature checked before anything is parsed.
 */
@RestController
public class ChektWebhookController {

    private final WebhookSignature signature;
    private final WebhookProperties properties;
    private final ChektWebhookMapper mapper;
    private final WebhookIntake intake;

    public ChektWebhookController(WebhookSignature signature, WebhookProperties properties, ChektWebhookMapper mapper,
                                  WebhookIntake intake) {
        this.signature = signature;
        this.properties = properties;
        this.mapper = mapper;
        this.intake = intake;
    }

    @PostMapping(path = "/webhooks/chekt")
    public ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long limit = properties.webhookMaxBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "body",
                    "the body is larger than " + limit + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) limit + 1);
        }
        if (body.length > limit) {
            return ApiProblems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", "body",
                    "the body is larger than " + limit + " bytes");
        }
        String refusal = signature.refusal(request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                request.getHeader(signature.signatureHeader()), body);
        if (refusal != null) {
            return ApiProblems.problem(HttpStatus.UNAUTHORIZED, "Signature refused", signature.signatureHeader(), refusal);
        }
        if (request.getContentType() == null || !MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return ApiProblems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "Content-Type",
                    "deliveries must be application/json");
        }
        ChektEvent event = mapper.event(body);
        WebhookIntake.Result result = intake.handle(event);
        HttpStatus status = result == WebhookIntake.Result.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("event_id", event.id(), "result", result.name().toLowerCase(Locale.ROOT)));
    }
}
