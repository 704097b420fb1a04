package com.centralstation.verification.app.voice;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio as the service meets it: its REST API (WireMock) takes the calls the service places, and its side of every
 * call is played here by posting the callbacks Twilio would post, signed as Twilio signs them. The signature is
 * computed from Twilio's documented scheme (HMAC-SHA1 over the URL and the sorted form), not by the service's own
 * code it is meant to test.
 */
final class VoiceProvider {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "voice_test_token";
    static final String FROM = "+15550009998";
    static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";

    final WireMockServer api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    VoiceProvider() {
        api.start();
    }

    /** Takes every call: 201 with a fresh sid, as Twilio answers. */
    void takeCalls() {
        api.resetAll();
        api.stubFor(post(urlPathEqualTo(CALLS)).atPriority(5).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"CA{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                .withTransformers("response-template")));
    }

    /** Takes the calls to this number with a sid of its own (1 rather than the default stub's 5), and tells it. */
    String expectCallTo(String number) {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        api.stubFor(post(urlPathEqualTo(CALLS)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(number, StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")));
        return sid;
    }

    /** Every call the service asked for to this number, oldest first. */
    List<PlacedCall> callsTo(String number) {
        return api.findAll(postRequestedFor(urlPathEqualTo(CALLS))
                        .withRequestBody(containing("To=" + URLEncoder.encode(number, StandardCharsets.UTF_8))))
                .stream().map(PlacedCall::of).toList();
    }

    // ---- Twilio's side of a call

    /** Someone picked up: Twilio fetches the call's TwiML from its {@code Url}. */
    Twiml answer(PlacedCall call, String sid, String answeredBy) {
        Map<String, String> form = callParameters(call, sid, "in-progress");
        if (answeredBy != null) {
            form.put("AnsweredBy", answeredBy);
        }
        return Twiml.of(signedPost(call.url(), form));
    }

    /** The contact pressed {@code digits} (empty: the question timed out) and Twilio posts them to the Gather's action. */
    Twiml press(PlacedCall call, String sid, String action, String digits) {
        Map<String, String> form = callParameters(call, sid, "in-progress");
        form.put("Digits", digits);
        return Twiml.of(signedPost(action, form));
    }

    /** A status callback as Twilio sends it; the HTTP status the service answered. */
    HttpResponse<String> status(PlacedCall call, String sid, String status, int sequence, String answeredBy) {
        Map<String, String> form = callParameters(call, sid, status);
        form.put("SequenceNumber", String.valueOf(sequence));
        form.put("Timestamp", "Tue, 26 May 2026 10:22:05 +0000");
        form.put("CallbackSource", "call-progress-events");
        if (status.equals("completed") || status.equals("busy") || status.equals("no-answer") || status.equals("failed")) {
            form.put("CallDuration", status.equals("completed") ? "42" : "0");
        }
        if (answeredBy != null) {
            form.put("AnsweredBy", answeredBy);
        }
        return signedPost(call.statusCallback(), form);
    }

    private static Map<String, String> callParameters(PlacedCall call, String sid, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", sid);
        form.put("CallStatus", status);
        form.put("Direction", "outbound-api");
        form.put("From", FROM);
        form.put("To", call.to());
        return form;
    }

    HttpResponse<String> signedPost(String url, Map<String, String> form) {
        return postForm(url, form, sign(AUTH_TOKEN, url, form));
    }

    /** Posts a form with the given {@code X-Twilio-Signature} (none when null). */
    HttpResponse<String> postForm(String url, Map<String, String> form, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"))));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sign(String token, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A call the service placed: what it asked Twilio for. */
    record PlacedCall(Map<String, List<String>> form) {

        static PlacedCall of(LoggedRequest request) {
            Map<String, List<String>> form = new LinkedHashMap<>();
            for (String pair : request.getBodyAsString().split("&")) {
                String[] parts = pair.split("=", 2);
                form.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), name -> new ArrayList<>())
                        .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
            return new PlacedCall(form);
        }

        String one(String name) {
            List<String> values = form.getOrDefault(name, List.of());
            assertThat(values).as("form field %s", name).hasSize(1);
            return values.get(0);
        }

        String to() {
            return one("To");
        }

        String url() {
            return one("Url");
        }

        String statusCallback() {
            return one("StatusCallback");
        }

        /** The call's own id in the service's callback addresses. */
        String callId() {
            String path = URI.create(url()).getPath();
            return path.substring("/voice/calls/".length(), path.lastIndexOf('/'));
        }
    }

    /** What the service told Twilio to do: the words, and then a question or the end of the call. */
    record Twiml(int httpStatus, String xml, List<String> says, Optional<Element> gather, boolean hangsUp) {

        static Twiml of(HttpResponse<String> response) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            try {
                Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
                Element root = document.getDocumentElement();
                assertThat(root.getTagName()).isEqualTo("Response");
                List<String> says = new ArrayList<>();
                NodeList sayNodes = root.getElementsByTagName("Say");
                for (int i = 0; i < sayNodes.getLength(); i++) {
                    says.add(sayNodes.item(i).getTextContent());
                }
                NodeList gathers = root.getElementsByTagName("Gather");
                return new Twiml(response.statusCode(), response.body(), says,
                        gathers.getLength() == 0 ? Optional.empty() : Optional.of((Element) gathers.item(0)),
                        root.getElementsByTagName("Hangup").getLength() == 1);
            } catch (Exception e) {
                throw new AssertionError("not TwiML: " + response.body(), e);
            }
        }

        String spoken() {
            return String.join(" ", says);
        }

        /** Where Twilio posts the keys of the question this TwiML asks. */
        String action() {
            return gather.orElseThrow(() -> new AssertionError("no question in " + xml)).getAttribute("action");
        }
    }
}
