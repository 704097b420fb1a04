package com.centralstation.verification.adapters.notification;

/**
 * The addresses under this service's public base URL that the voice provider calls back for a phone call, each
 * naming the call by its unguessable id (never the verification's). The voice channel gives the provider the first
 * two when it places a call; the call's script leads to the others.
 */
public final class VoiceCallbackPaths {

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

    private VoiceCallbackPaths() {
    }
}
