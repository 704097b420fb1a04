package com.centralstation.verification.core.domain;

import java.time.Instant;

/** A contact we have called for a verification, and when. {@code delivered} is false when the channel failed for good. */
public record NotifiedContact(long contactId, int position, Instant notifiedAt, boolean delivered) {
}
