package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.usecase.ChektDelivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads back the deliveries it was shown, by their bytes, as the webhook adapter's mapper reads the bytes the inbox
 * kept; bytes it was not shown do not read.
 */
public final class InMemoryDeliveryReader implements StoredDeliveryReader {

    private final Map<String, ChektDelivery> byBody = new ConcurrentHashMap<>();

    /** @return the delivery, so a test can hand it on */
    public ChektDelivery remember(ChektDelivery delivery) {
        byBody.put(new String(delivery.body(), StandardCharsets.UTF_8), delivery);
        return delivery;
    }

    @Override
    public ChektDelivery read(byte[] body) {
        ChektDelivery delivery = byBody.get(new String(body, StandardCharsets.UTF_8));
        if (delivery == null) {
            throw new IllegalArgumentException("the body does not read as a delivery");
        }
        return delivery;
    }
}
