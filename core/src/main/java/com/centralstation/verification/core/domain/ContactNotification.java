package com.centralstation.verification.core.domain;

import java.util.Objects;

/**
 * One message to one contact about one verification.
 *
 * @param position the contact's place in the call list, from 1
 * @param responseToken the raw token of the contact's personal response link (only its hash is stored)
 */
public record ContactNotification(Verification verification, Contact contact, int position, String responseToken) {

    public ContactNotification {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(contact, "contact");
        responseToken = Require.text(responseToken, "responseToken");
        if (position < 1) {
            throw new IllegalArgumentException("position counts from 1, was " + position);
        }
    }
}
