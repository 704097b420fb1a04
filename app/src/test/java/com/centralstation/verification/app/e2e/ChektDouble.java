package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CHeKT for the process tests: WireMock in the test JVM, answering the token endpoint and the PATCH, with a
 * delay on the PATCH so that a kill can land while one is in flight. Each node gets its own base path
 * ({@code /node-a}, the node's name), so the ledger tells which node sent what.
 *
 * <p>What "accepted" means: CHeKT keeps an {@code Idempotency-Key} for 24 hours; a PATCH repeating a key
 * with the same body is answered from that record and not taken again (a different body would be a 409).
 * So CHeKT accepts a verification's decision once per distinct key, and a PATCH re-sent after a kill, with
 * the same key and body, is a replay, not a second decision.
 */
final class ChektDouble implements AutoCloseable {

    private static final String TOKEN_PATH = "/oauth/token";
    private static final Pattern PATCH_PATH = Pattern.compile(
            "(?:/([a-z0-9_-]+))?/partner/v1/dealers/[^/]+/sites/[^/]+/alarm-verifications/([0-9]+)");

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            // Two nodes' job executors (8 threads each) may all wait on a delayed PATCH at once.
            .containerThreads(40));
    private final ObjectMapper json = new ObjectMapper();

    ChektDouble(Duration patchDelay) {
        this(patchDelay, patchDelay);
    }

    /** Answers a dispatch after one delay and a disregard after another, so that a test can slow down only some. */
    ChektDouble(Duration dispatchDelay, Duration disregardDelay) {
        server.start();
        server.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\":\"process-test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        acceptPatches("dispatch", dispatchDelay);
        acceptPatches("disregard", disregardDelay);
    }

    private void acceptPatches(String action, Duration delay) {
        server.stubFor(patch(urlPathMatching(PATCH_PATH.pattern()))
                .withRequestBody(matchingJsonPath("$.action", equalTo(action)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay((int) delay.toMillis())
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 4242, "
                                + "\"verification_id\": \"{{jsonPath request.body '$.verification_id'}}\", "
                                + "\"contact_id\": {{jsonPath request.body '$.contact_id'}}, "
                                + "\"action\": \"{{jsonPath request.body '$.action'}}\", "
                                + "\"responded_at\": \"{{jsonPath request.body '$.responded_at'}}\"}")
                        .withTransformers("response-template")));
    }

    String baseUrlFor(String node) {
        return server.baseUrl() + "/" + node;
    }

    String tokenUrl() {
        return server.baseUrl() + TOKEN_PATH;
    }

    /** Every PATCH received so far, answered or still in flight. */
    List<Patch> patches() {
        return server.findAll(patchRequestedFor(urlPathMatching(PATCH_PATH.pattern()))).stream().map(this::toPatch).toList();
    }

    /** Whether a PATCH from the node arrived in the last 200 ms, so that it certainly still waits for its answer. */
    boolean justReceivedFrom(String node) {
        Instant recently = Instant.now().minusMillis(200);
        return patches().stream().anyMatch(patch -> node.equals(patch.node()) && patch.receivedAt().isAfter(recently));
    }

    /**
     * Asserts that CHeKT accepted exactly one decision for each verification (see the class comment), the one
     * the verification recorded, and nothing for anything else.
     *
     * @return how many verifications received how many PATCH requests (1 = sent once; 2 = re-sent after a kill)
     */
    Map<Integer, Long> assertOneAcceptedDecisionEach(Collection<TestAlarm> alarms) {
        Map<Long, List<Patch>> byVerification = patches().stream()
                .collect(Collectors.groupingBy(Patch::alarmVerificationId));
        assertThat(byVerification.keySet()).as("verifications CHeKT received a PATCH for")
                .containsExactlyInAnyOrderElementsOf(alarms.stream().map(TestAlarm::alarmVerificationId).toList());
        for (TestAlarm alarm : alarms) {
            List<Patch> received = byVerification.get(alarm.alarmVerificationId());
            assertThat(received).as("PATCHes for %s", alarm.verificationId())
                    .extracting(Patch::idempotencyKey).containsOnly("verification-" + alarm.verificationId());
            assertThat(received.stream().map(Patch::body).distinct().count())
                    .as("distinct bodies under one key for %s (a second would be a 409)", alarm.verificationId()).isEqualTo(1);
            assertThat(received.get(0).body().get("verification_id").asText()).isEqualTo(alarm.verificationId().toString());
        }
        return byVerification.values().stream()
                .collect(Collectors.groupingBy(List::size, TreeMap::new, Collectors.counting()));
    }

    @Override
    public void close() {
        server.stop();
    }

    private Patch toPatch(LoggedRequest request) {
        Matcher path = PATCH_PATH.matcher(request.getUrl());
        if (!path.matches()) {
            throw new IllegalStateException("unexpected PATCH " + request.getUrl());
        }
        try {
            return new Patch(path.group(1), Long.parseLong(path.group(2)), request.getHeader("Idempotency-Key"),
                    json.readTree(request.getBodyAsString()), request.getLoggedDate().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One PATCH as CHeKT received it: from which node, for which verification, under which key, when. */
    record Patch(String node, long alarmVerificationId, String idempotencyKey, JsonNode body, Instant receivedAt) {
    }
}
