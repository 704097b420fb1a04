package com.centralstation.verification.core.domain;

import java.util.Locale;

/** Why a CHeKT delivery was refused: the {@code reason} tag of {@code chekt_webhooks_refused_total}. */
public enum RefusalReason {
    /** Missing, wrong or stale signature (401): not CHeKT's, so counted and not kept. */
    SIGNATURE,
    /** Larger than {@code chekt.webhook-max-body} (413): refused unread, so its signature is unknown; counted only. */
    TOO_LARGE,
    /** Signed, but not declared as JSON (415): kept. */
    MEDIA_TYPE,
    /** Signed, but not a JSON object (400): kept. */
    UNPARSABLE,
    /** Signed JSON without a usable required field (400): kept. */
    REQUIRED_FIELD,
    /**
     * Taken in (202), but its workflow could not be started, attempt after attempt (the engine refused it, or its
     * stored body no longer reads): kept, so it can be looked at and sent again.
     */
    UNSTARTABLE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a refusal for this reason is kept in the quarantine: only deliveries proven to be CHeKT's are. */
    public boolean kept() {
        return this != SIGNATURE && this != TOO_LARGE;
    }
}
