package com.centralstation.verification.core.usecase;

import java.util.Map;
import java.util.Objects;

/**
 * One authentic CHeKT webhook delivery, read from the wire once by the webhook adapter.
 *
 * @param eventId   CHeKT's event id, or one derived from the body when CHeKT sent none: deliveries are
 *                  deduplicated on it
 * @param eventType the envelope's {@code type}, which chooses the handler
 * @param event     what the delivery says, read by the adapter for its type
 * @param repairs   what the adapter repaired to read it (a contact entry dropped, a text cut), by field path
 *                  ({@code data.contacts[2]}); audited when the delivery is taken into a verification
 * @param body      the bytes as received, kept with the inbox row
 */
public record ChektDelivery(String eventId, String eventType, ChektEvent event, Map<String, String> repairs,
                            byte[] body) {

    public ChektDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(event, "event");
        repairs = repairs == null ? Map.of() : Map.copyOf(repairs);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A delivery of an event that needs no repair. */
    public ChektDelivery(String eventId, String eventType, ChektEvent event, byte[] body) {
        this(eventId, eventType, event, Map.of(), body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The event as the type its handler reads.
     *
     * @throws IllegalStateException when the adapter read this event type as something else
     */
    public <E extends ChektEvent> E event(Class<E> type) {
        if (!type.isInstance(event)) {
            throw new IllegalStateException("a " + eventType + " delivery was read as " + event.getClass().getSimpleName()
                    + ", not as the " + type.getSimpleName() + " its handler takes");
        }
        return type.cast(event);
    }
}
