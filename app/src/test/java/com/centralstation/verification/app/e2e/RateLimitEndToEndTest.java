package com.centralstation.verification.app.e2e;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.centralstation.verification.app.testing.SlowScenario;
import com.centralstation.verification.app.testing.TestAlarm;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A decision storm against a CHeKT that takes 30 requests a minute, with this node's limit set to the same tier:
 * every decision lands, none becomes an incident, 429 answers stay rare, and dispatches overtake disregards that
 * were decided before them. Time is the engine's: CHeKT's bucket, the node's limit and the wait timers all read
 * it, and the test moves it two seconds (one request of the tier) at a time. A storm, in its own JVM (it moves the
 * JVM-global clock by minutes): a {@link SlowScenario}.
 */
@TestPropertySource(properties = "chekt.rate-limit.requests-per-minute=30")
@SlowScenario
class RateLimitEndToEndTest extends ServiceTest {

    private static final int DISREGARDS = 40;
    private static final int DISPATCHES = 20;

    /**
     * A database of its own: the shared context of the other end-to-end tests stays alive in this JVM, and its job
     * executor (without a rate limit) would otherwise take this test's submissions.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        // its own engine name too, so that Camunda's registry (which the REST API looks engines up in) keeps others'
        properties.add("camunda.bpm.process-engine-name", () -> "ratelimit");
        if (!ServiceDatabase.postgres()) {
            properties.add("spring.datasource.url", () -> "jdbc:h2:mem:rate-limit-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            return;
        }
        TestPostgres.Database database = TestPostgres.freshDatabase();
        properties.add("spring.datasource.url", database::jdbcUrl);
    }

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    @Test
    void sixtyDecisionsAgainstAThirtyPerMinuteChektAllLandWithoutIncidentsAndDispatchesFirst() throws Exception {
        ClockUtil.setCurrentTime(new Date());
        CHEKT_RATE_LIMIT.reset(30);
        CHEKT.stubFor(patch(urlPathMatching(ChektStubs.PATCH_PATHS)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": 4242, \"verification_id\": \"{{jsonPath request.body '$.verification_id'}}\", "
                        + "\"contact_id\": {{jsonPath request.body '$.contact_id'}}, "
                        + "\"action\": \"{{jsonPath request.body '$.action'}}\", "
                        + "\"responded_at\": \"{{jsonPath request.body '$.responded_at'}}\"}")
                .withTransformers("response-template", ChektRateLimitStandIn.NAME)));
        List<TestAlarm> alarms = new ArrayList<>();
        for (int i = 0; i < DISREGARDS + DISPATCHES; i++) {
            TestAlarm alarm = TestAlarm.onContractSite("motion");
            assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
            alarms.add(alarm);
        }
        for (TestAlarm alarm : alarms) {
            await().atMost(Duration.ofSeconds(60)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        }

        // The disregards are decided first: without priorities they would all reach CHeKT before any dispatch.
        Map<Long, String> actions = new HashMap<>();
        for (int i = 0; i < alarms.size(); i++) {
            String action = i < DISREGARDS ? "disregard" : "dispatch";
            actions.put(alarms.get(i).alarmVerificationId(), action);
            assertThat(decide(alarms.get(i).verificationId(), "{\"contact_id\":67890,\"action\":\"" + action + "\"}")
                    .statusCode()).isEqualTo(202);
        }

        for (int step = 0; step < 200 && !allSubmitted(alarms); step++) {
            awaitNothingDue();
            advanceClock(Duration.ofSeconds(2));
        }

        assertThat(alarms).allSatisfy(alarm ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(runtime.createIncidentQuery().count()).isZero();
        List<String> accepted = CHEKT.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("PATCH"))
                .filter(event -> event.getResponse().getStatus() == 200)
                .map(ServeEvent::getRequest)
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> actions.get(alarmVerificationId(request.getUrl())))
                .toList();
        assertThat(accepted).hasSize(DISREGARDS + DISPATCHES);
        int lastDispatch = accepted.lastIndexOf("dispatch");
        long disregardsBeforeTheLastDispatch = accepted.subList(0, lastDispatch).stream().filter("disregard"::equals).count();
        int limited = CHEKT_RATE_LIMIT.limited();
        System.out.printf("rate limit: %d answers 429 for %d decisions; %d disregards before the last dispatch; order %s%n",
                limited, alarms.size(), disregardsBeforeTheLastDispatch, accepted);
        assertThat(limited).as("429 answers").isLessThanOrEqualTo(alarms.size() / 2);
        // Before any dispatch was decided, the one free request went to a disregard; from then on every request that
        // came free went to a waiting dispatch (without priorities all 40 disregards would have gone first).
        assertThat(disregardsBeforeTheLastDispatch).as("disregards CHeKT took before the last dispatch").isLessThanOrEqualTo(2);
    }

    private boolean allSubmitted(List<TestAlarm> alarms) throws Exception {
        for (TestAlarm alarm : alarms) {
            if (!"submitted".equals(verification(alarm.verificationId()).get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Waits until the job executor has run every job due at the engine's current time. */
    private void awaitNothingDue() {
        await().atMost(Duration.ofSeconds(60)).until(() -> management.createJobQuery().executable().count() == 0);
    }

    private static long alarmVerificationId(String url) {
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    }
}
