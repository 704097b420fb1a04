package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Duration;
import java.util.Optional;

/**
 * Text messages through a Twilio-compatible gateway: a form-encoded POST of To, From and Body to
 * {@code /2010-04-01/Accounts/{accountSid}/Messages.json}, authenticated with the account's
 * credentials. The gateway's message {@code sid} is kept as the delivery reference.
 */
final class SmsGatewayChannel implements NotificationChannel {

    private final TwilioAccount gateway;
    private final String from;
    private final MessageText text;
    private final HttpTimeouts timeouts;

    SmsGatewayChannel(SmsProperties settings, HttpTimeouts timeouts, MessageText text) {
        this.gateway = new TwilioAccount(settings.baseUrl(), settings.accountSid(), settings.authToken(), timeouts);
        this.from = settings.from();
        this.text = text;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public Optional<String> addressOf(Contact contact) {
        return Optional.ofNullable(contact.phoneNumber());
    }

    @Override
    public String send(String address, ContactMessage message) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", address);
        form.add("From", from);
        form.add("Body", text.sms(message));
        // The gateway took the message; an answer without a sid must not turn that into a failure.
        return gateway.create("Messages", form, "SMS gateway").orElse(null);
    }

    @Override
    public Optional<Duration> longestSend() {
        return Optional.of(timeouts.longestExchange());
    }
}
