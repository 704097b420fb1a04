package com.centralstation.verification.core.domain;

/**
 * The addresses under this service's public base URL that the voice provider calls back for a phone call, each
 * naming the call by its unguessable {@link PhoneCall#callId()} (never the verification's). The channel that places a
 * call gives the provider the first two; the call's script ({@link CallScript}) leads to the others. Both sides, the
 * one that places calls and the one that answers the callbacks, take the paths from here.
 */
public final class CallAddresses {

    /** Everything the voice provider calls back; nothing else lives under it. */
    public static final String PREFIX = "/voice/calls";
    /** The call's TwiML, fetched when someone picks up (the call's {@code Url}). */
    public static final String ANSWER = PREFIX + "/{callId}/answer";
    /** The call's progress (the call's {@code StatusCallback}). */
    public static final String STATUS = PREFIX + "/{callId}/status";
    /** The keys pressed at the menu, asked for the {@code prompt}-th time. */
    public static final String MENU = PREFIX + "/{callId}/menu/{prompt}";
    /** The key pressed to confirm {@code action}, asked for the {@code prompt}-th time. */
    public static final String CONFIRM = PREFIX + "/{callId}/confirm/{action}/{prompt}";

    private CallAddresses() {
    }
}
