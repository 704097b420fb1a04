package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.CallAddresses;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.port.out.PhoneCalls;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Phone calls through Twilio's Programmable Voice API (or a compatible provider): a form-encoded POST to
 * {@code /2010-04-01/Accounts/{accountSid}/Calls.json} with the account's credentials. The provider rings the contact
 * for the ring timeout, detects answering machines, fetches the call's script from this service when someone picks
 * up and reports the call's progress to it; both addresses name the call by its own unguessable id.
 *
 * <p>"Delivered" here means the provider took the call (201, its {@code sid} kept as the reference): how the call
 * ends arrives later, by the status callback, and a call that does not reach the contact moves the ladder on then.
 * The provider refusing us (401, 403, 404) is a channel down, refusing the number (another 4xx) makes the contact
 * unreachable on this channel, and 5xx, 429 or a timeout may pass.
 */
final class VoiceCallChannel implements NotificationChannel {

    static final String NAME = "voice";
    /** What the provider reports to the status callback: every step of the call. */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioAccount provider;
    private final HttpTimeouts timeouts;
    private final String from;
    private final Duration ringTimeout;
    private final PhoneCalls calls;
    private final URI publicBaseUrl;
    private final Clock clock;

    VoiceCallChannel(VoiceProperties settings, HttpTimeouts timeouts, PhoneCalls calls, URI publicBaseUrl, Clock clock) {
        this.provider = new TwilioAccount(settings.baseUrl(), settings.accountSid(), settings.authToken(), timeouts);
        this.timeouts = timeouts;
        this.from = settings.from();
        this.ringTimeout = settings.ringTimeout();
        this.calls = calls;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> addressOf(Contact contact) {
        return Optional.ofNullable(contact.phoneNumber());
    }

    @Override
    public String send(String address, ContactMessage message) {
        PhoneCall call = PhoneCall.dialling(message.verificationId(), message.contact().contactId(), message.position(),
                address, clock.instant());
        calls.open(call);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", address);
        form.add("From", from);
        form.add("Url", callback(CallAddresses.ANSWER, call));
        form.add("StatusCallback", callback(CallAddresses.STATUS, call));
        STATUS_EVENTS.forEach(event -> form.add("StatusCallbackEvent", event));
        form.add("Timeout", String.valueOf(ringTimeout.toSeconds()));
        form.add("MachineDetection", "Enable");
        Optional<String> sid = provider.create("Calls", form, "voice provider");
        sid.ifPresent(placed -> calls.placed(call.callId(), placed));
        // Without a sid in the answer the call is still placed; its first callback names it.
        return sid.orElse(null);
    }

    /** Placing the call is one exchange with the provider; the call itself runs on after the job, by callbacks. */
    @Override
    public Optional<Duration> longestSend() {
        return Optional.of(timeouts.longestExchange());
    }

    private String callback(String path, PhoneCall call) {
        return UriComponentsBuilder.fromUri(publicBaseUrl).path(path).buildAndExpand(call.callId()).toUriString();
    }
}
