package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The escalation ladder through the assembled service: the engine's clock is moved past the 2- and
 * 5-minute timers, the real job executor fires them, the next contact is notified and decides, and the
 * decision's response-time band is counted.
 */
class EscalationEndToEndTest extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest(name = "contact {0} decides {2} after {1} escalation(s), band {3}")
    @CsvSource({
            "67891, 1, dispatch, 2-5m",
            "67892, 2, disregard, 5-10m"
    })
    void aLaterContactDecidesAfterTheEscalationsAndTheBandIsCounted(long contactId, int escalations, String action,
                                                                    String band) throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        double bandBefore = decisions(band);
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);

        // 2:01 after the first notification, then 5:01 (timers count from the first notification).
        Duration[] steps = {Duration.ofMinutes(2).plusSeconds(1), Duration.ofMinutes(3)};
        for (int step = 0; step < escalations; step++) {
            advanceClock(steps[step]);
            int expected = step + 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == expected);
        }
        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())))).isEmpty();

        HttpResponse<String> decided = decide(alarm.verificationId(), "{\"contact_id\":" + contactId + ",\"action\":\"" + action + "\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))
                .withRequestBody(equalToJson("{\"verification_id\":\"" + alarm.verificationId() + "\",\"contact_id\":" + contactId
                        + ",\"action\":\"" + action + "\"}", true, true))));
        assertThat(decisions(band)).isEqualTo(bandBefore + 1);

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("notified").findValuesAsText("contact_id"))
                .containsExactly(java.util.List.of("67890", "67891", "67892").subList(0, escalations + 1).toArray(String[]::new));
        assertThat(view.get("timeline").findValuesAsText("type")).contains("escalated");
    }

    private double decisions(String band) {
        var counter = meters.find("verification.decisions").tag("response_time", band).counter();
        return counter == null ? 0 : counter.count();
    }
}
