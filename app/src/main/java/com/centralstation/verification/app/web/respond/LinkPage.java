package com.centralstation.verification.app.web.respond;

import org.springframework.http.HttpStatus;

/**
 * Every page a response link can lead to, with the status it is served with. Browsers show the page
 * whatever the status; the status is for everything else (monitoring, link checkers, tests).
 */
public enum LinkPage {
    /** The alarm with its two buttons. */
    OPEN(HttpStatus.OK),
    /** "Confirm dispatch?" / "Confirm disregard?". */
    CONFIRM(HttpStatus.OK),
    /** The contact's decision was taken. */
    ACCEPTED(HttpStatus.OK),
    /** Someone else (or this contact by another way) decided first. */
    DECIDED(HttpStatus.CONFLICT),
    /** Cancelled or closed by CHeKT, or closed by an operator: no decision is wanted any more. */
    CLOSED(HttpStatus.CONFLICT),
    EXPIRED(HttpStatus.GONE),
    /** This link has already carried an answer. */
    USED(HttpStatus.GONE),
    /** No such link: mistyped, tampered with, or never issued. */
    UNKNOWN(HttpStatus.NOT_FOUND),
    /** The decision was refused for a reason the contact cannot fix (e.g. not on the call list any more). */
    NOT_ACCEPTED(HttpStatus.UNPROCESSABLE_ENTITY),
    /** A form arrived without a valid CSRF token (forged, or a page kept from another browser session). */
    REFUSED(HttpStatus.FORBIDDEN),
    /** Recording the answer failed on our side; the link was not spent, so the contact can try again. */
    NOT_RECORDED(HttpStatus.SERVICE_UNAVAILABLE),
    /** The page cannot be shown while the database is unavailable; the link still works in a minute. */
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** Our fault: the answer could not be recorded. */
    FAILED(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    LinkPage(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
