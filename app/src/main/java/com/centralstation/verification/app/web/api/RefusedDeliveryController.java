package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.core.domain.QuarantinedDelivery;
import com.centralstation.verification.core.domain.RefusedDelivery;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/webhooks/refused}: the quarantine of signed CHeKT deliveries that could not be used, newest
 * first, each with its bytes and signature headers so it can be checked and replayed by hand.
 */
@RestController
public class RefusedDeliveryController {

    private static final int MAX_LIMIT = 1000;

    private final DeliveryQuarantine quarantine;

    public RefusedDeliveryController(DeliveryQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping("/api/webhooks/refused")
    public Map<String, Object> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        DeliveryQuarantine.Listing listing = quarantine.newestFirst(limit);
        List<Map<String, Object>> items = listing.deliveries().stream().map(RefusedDeliveryController::item).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", items.size());
        json.put("retention", listing.retention().toString());
        json.put("max_entries", listing.maxEntries());
        json.put("refused", items);
        return json;
    }

    private static Map<String, Object> item(QuarantinedDelivery kept) {
        RefusedDelivery delivery = kept.delivery();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", kept.id());
        json.put("received_at", delivery.receivedAt().toString());
        json.put("reason", delivery.reason());
        json.put("field", delivery.field());
        json.put("detail", delivery.detail());
        json.put("headers", delivery.headers());
        byte[] body = delivery.body();
        // The text when the bytes are UTF-8 (they nearly always are); base64 always, since a signature is over bytes.
        json.put("body", utf8(body));
        json.put("body_base64", Base64.getEncoder().encodeToString(body));
        return json;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
