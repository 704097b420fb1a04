package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Contact;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Text messages through a Twilio-compatible gateway: a form-encoded POST of To, From and Body to
 * {@code /2010-04-01/Accounts/{accountSid}/Messages.json}, authenticated with the account's
 * credentials. The gateway's message {@code sid} is kept as the delivery reference.
 */
final class SmsGatewayChannel implements NotificationChannel {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RestClient gateway;
    private final String accountSid;
    private final String from;
    private final MessageText text;
    private final HttpTimeouts timeouts;

    SmsGatewayChannel(SmsProperties settings, HttpTimeouts timeouts, MessageText text) {
        this.gateway = RestClient.builder()
                .baseUrl(settings.baseUrl().toString())
                .requestFactory(timeouts.requestFactory())
                .defaultHeaders(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
                .build();
        this.accountSid = settings.accountSid();
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
        String reply;
        try {
            reply = gateway.post()
                    .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", accountSid)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(String.class);
        } catch (RestClientException e) {
            throw HttpDelivery.failure("SMS gateway", e);
        }
        return sidOf(reply);
    }

    @Override
    public Optional<Duration> longestSend() {
        return Optional.of(timeouts.longestExchange());
    }

    /** The gateway took the message; an unreadable answer must not turn that into a failure. */
    private static String sidOf(String reply) {
        if (reply == null || reply.isBlank()) {
            return null;
        }
        try {
            JsonNode sid = JSON.readTree(reply).path("sid");
            return sid.isTextual() ? sid.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
