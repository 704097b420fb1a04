package com.centralstation.verification.adapters.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * A Twilio-compatible account's REST API, as the SMS and voice channels use it: a form-encoded POST creating a
 * resource under {@code /2010-04-01/Accounts/{accountSid}/}, authenticated with the account's sid and token, whose
 * answer names what was created by its {@code sid}.
 */
final class TwilioAccount {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RestClient api;
    private final String accountSid;

    TwilioAccount(URI baseUrl, String accountSid, String authToken, HttpTimeouts timeouts) {
        this.api = RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(timeouts.requestFactory())
                .defaultHeaders(headers -> headers.setBasicAuth(accountSid, authToken))
                .build();
        this.accountSid = accountSid;
    }

    /**
     * Creates {@code resource} ({@code Messages}, {@code Calls}) from the form and answers its sid; empty when the
     * answer names none (the provider took the request all the same: an unreadable answer is no failure).
     *
     * @param provider what the failure messages call the provider ("SMS gateway", "voice provider")
     * @throws DeliveryFailedException when the provider did not take it, judged by {@link HttpDelivery#failure}
     */
    Optional<String> create(String resource, MultiValueMap<String, String> form, String provider) {
        String reply;
        try {
            reply = api.post()
                    .uri("/2010-04-01/Accounts/{accountSid}/{resource}.json", accountSid, resource)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(String.class);
        } catch (RestClientException e) {
            throw HttpDelivery.failure(provider, e);
        }
        return sidOf(reply);
    }

    private static Optional<String> sidOf(String reply) {
        if (reply == null || reply.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode sid = JSON.readTree(reply).path("sid");
            return sid.isTextual() && !sid.asText().isBlank() ? Optional.of(sid.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
