package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CHeKT as far as this service talks to it, kept in memory for the demo: it issues client-credentials tokens,
 * takes alarm verification decisions the way CHeKT's Partner API documents them (200 with the decision echoed and
 * an id; 400, 401, 404, 409 like CHeKT) and remembers every request it received, so a tester can see exactly what
 * CHeKT would have been sent. A switchable outage (503 with {@code Retry-After}) lets a supervisor watch a failed
 * submission become an incident and retry it.
 */
public final class ChektSandbox {

    static final int KEPT_REQUESTS = 500;
    static final long TOKEN_LIFETIME_SECONDS = 3600;
    private static final Set<String> ACTIONS = Set.of("dispatch", "disregard");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final ObjectMapper mapper;
    private final Clock clock;

    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Submission> byIdempotencyKey = new HashMap<>();
    private final Map<Long, Submission> byAlarmVerification = new HashMap<>();
    private final Deque<ReceivedRequest> received = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong answerIds = new AtomicLong(880000);
    private volatile boolean down;

    ChektSandbox(String clientId, String clientSecret, ObjectMapper mapper, Clock clock) {
        this.clientId = Objects.requireNonNull(clientId);
        this.clientSecret = clientSecret;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** {@code POST /oauth/token} with {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret}. */
    synchronized Answer token(Map<String, String> form, Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>(form);
        shown.computeIfPresent("client_secret", (name, secret) -> "****");
        Answer answer;
        if (!"client_credentials".equals(form.get("grant_type"))) {
            answer = new Answer(400, Map.of("error", "unsupported_grant_type"));
        } else if (!clientId.equals(form.get("client_id")) || clientSecret == null
                || !clientSecret.equals(form.get("client_secret"))) {
            answer = new Answer(401, Map.of("error", "invalid_client"));
        } else {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            String token = "sandbox-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            issuedTokens.add(token);
            answer = new Answer(200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", TOKEN_LIFETIME_SECONDS));
        }
        Map<String, Object> answered = new LinkedHashMap<>(answer.body());
        answered.computeIfPresent("access_token", (name, token) -> "****");
        record("POST", "/oauth/token", headers, formEncoded(shown), Collections.unmodifiableMap(shown), answer.status(), answered);
        return answer;
    }

    /** {@code PATCH /partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}}. */
    synchronized Answer alarmVerification(String dealerId, String siteId, String alarmVerificationId, String body,
                                          Map<String, String> headers) {
        Answer answer = decide(dealerId, siteId, alarmVerificationId, body, headers);
        record("PATCH", "/partner/v1/dealers/" + dealerId + "/sites/" + siteId + "/alarm-verifications/" + alarmVerificationId,
                headers, body, null, answer.status(), answer.body());
        return answer;
    }

    private Answer decide(String dealerId, String siteId, String alarmVerificationId, String body, Map<String, String> headers) {
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issuedTokens.contains(authorization.substring("Bearer ".length()))) {
            return error(401, "unauthorized", "invalid or expired access token", null);
        }
        if (down) {
            return new Answer(503, error(503, "unavailable", "the sandbox is switched to an outage", null).body(),
                    Map.of("Retry-After", "5"));
        }
        if (!DemoSite.isDemoSite(dealerId, siteId)) {
            return error(404, "not_found", "no dealer " + dealerId + " with site " + siteId, null);
        }
        if (!alarmVerificationId.matches("[0-9]{1,18}")) {
            return error(400, "invalid_parameter", "verificationId must be a number", "verificationId");
        }
        Decision decision;
        try {
            decision = Decision.parse(mapper.readTree(body));
        } catch (InvalidDecision invalid) {
            return error(400, "invalid_parameter", invalid.getMessage(), invalid.field);
        } catch (Exception unreadable) {
            return error(400, "invalid_parameter", "the body is not JSON", null);
        }
        if (!DemoSite.isDemoContact(decision.contactId())) {
            return error(404, "not_found", "no contact " + decision.contactId() + " at this site", "contact_id");
        }
        String idempotencyKey = headers.get("idempotency-key");
        if (idempotencyKey != null && byIdempotencyKey.containsKey(idempotencyKey)) {
            Submission earlier = byIdempotencyKey.get(idempotencyKey);
            return earlier.decision().equals(decision) ? new Answer(200, earlier.answer())
                    : error(409, "idempotency_conflict", "this Idempotency-Key was used with a different body", null);
        }
        long id = Long.parseLong(alarmVerificationId);
        if (byAlarmVerification.containsKey(id)) {
            return error(409, "verification_closed", "alarm verification " + id + " was already answered", null);
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("id", answerIds.incrementAndGet());
        echo.put("verification_id", decision.verificationId());
        echo.put("contact_id", decision.contactId());
        echo.put("action", decision.action());
        echo.put("responded_at", decision.respondedAt());
        Submission submission = new Submission(decision, Map.copyOf(echo));
        byAlarmVerification.put(id, submission);
        if (idempotencyKey != null) {
            byIdempotencyKey.put(idempotencyKey, submission);
        }
        return new Answer(200, echo);
    }

    private Answer error(int status, String code, String message, String field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("request_id", "req_sandbox_" + (sequence.get() + 1));
        if (field != null) {
            error.put("field", field);
        }
        return new Answer(status, Map.of("error", error));
    }

    private void record(String method, String path, Map<String, String> headers, String body, Map<String, String> form,
                        int status, Map<String, Object> answer) {
        Map<String, String> shown = new LinkedHashMap<>(headers);
        shown.computeIfPresent("authorization", (name, value) -> value.startsWith("Bearer ") ? "Bearer ****" : "****");
        received.addLast(new ReceivedRequest(sequence.incrementAndGet(), clock.instant(), method, path,
                Map.copyOf(shown), body, form, status, answer));
        while (received.size() > KEPT_REQUESTS) {
            received.removeFirst();
        }
    }

    /** The form as it was sent ({@code a=1&b=2}), in its order, with what was masked masked. */
    private static String formEncoded(Map<String, String> form) {
        StringJoiner encoded = new StringJoiner("&");
        form.forEach((name, value) -> encoded.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("%2A", "*")));
        return encoded.toString();
    }

    /** What the sandbox received, oldest first (the last {@value #KEPT_REQUESTS}). */
    public synchronized List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    public boolean down() {
        return down;
    }

    /** Switches the outage on or off: while down, every decision is answered 503 with {@code Retry-After: 5}. */
    public void down(boolean down) {
        this.down = down;
    }

    /**
     * One request as it arrived, with the sandbox's answer: header names in lower case, the Authorization value, the
     * client secret and issued tokens masked. The token request's body is also given as its form fields ({@code form},
     * null for a JSON request).
     */
    public record ReceivedRequest(long sequence, Instant receivedAt, String method, String path, Map<String, String> headers,
                                  String body, Map<String, String> form, int answeredStatus, Map<String, Object> answer) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Answer(int status, Map<String, Object> body, Map<String, String> headers) {
        Answer(int status, Map<String, Object> body) {
            this(status, body, Map.of());
        }
    }

    private record Submission(Decision decision, Map<String, Object> answer) {
    }

    /** The PATCH body; all four fields required, with CHeKT's types (contact_id a number, the UUID a string). */
    private record Decision(String verificationId, long contactId, String action, String respondedAt) {

        static Decision parse(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new InvalidDecision(null, "the body must be a JSON object");
            }
            JsonNode verificationId = body.get("verification_id");
            if (verificationId == null || !verificationId.isTextual()) {
                throw new InvalidDecision("verification_id", "verification_id must be a UUID string");
            }
            try {
                UUID.fromString(verificationId.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidDecision("verification_id", "verification_id must be a UUID string");
            }
            JsonNode contactId = body.get("contact_id");
            if (contactId == null || !contactId.isIntegralNumber()) {
                throw new InvalidDecision("contact_id", "contact_id must be a number");
            }
            JsonNode action = body.get("action");
            if (action == null || !ACTIONS.contains(action.asText())) {
                throw new InvalidDecision("action", "action must be dispatch or disregard");
            }
            JsonNode respondedAt = body.get("responded_at");
            try {
                Instant.parse(respondedAt == null ? "" : respondedAt.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidDecision("responded_at", "responded_at must be an ISO-8601 time");
            }
            return new Decision(verificationId.asText(), contactId.asLong(), action.asText(), respondedAt.asText());
        }
    }

    private static final class InvalidDecision extends RuntimeException {
        private final String field;

        InvalidDecision(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
