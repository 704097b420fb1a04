package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries and decisions that arrive at the same moment: never a lost or doubled verification or PATCH. */
class ConcurrencyEndToEndTest extends ServiceTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theSameWebhookDeliveredFiveTimesAtOnceMakesOneVerificationAndOnePatch() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");

        List<Integer> statuses = all(5, () -> deliverWebhook(alarm.body()).statusCode());

        assertThat(statuses).containsOnly(202, 200);
        assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        assertThat(decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));

        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())))).hasSize(1);
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("timeline").findValuesAsText("type")).containsOnlyOnce("verification_received");
        assertThat(view.get("notified")).hasSize(1);
    }

    @Test
    void twoDecisionsAtOnceMakeOnePatchTheOtherIs409AndBothAreAudited() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        assertThat(deliverWebhook(alarm.body()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
        advanceClock(Duration.ofMinutes(2).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 2);

        List<HttpResponse<String>> answers = new ArrayList<>();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> ann = pool.submit(() -> {
                together.await();
                return decide(alarm.verificationId(), "{\"contact_id\":67890,\"action\":\"dispatch\"}");
            });
            Future<HttpResponse<String>> ben = pool.submit(() -> {
                together.await();
                return decide(alarm.verificationId(), "{\"contact_id\":67891,\"action\":\"disregard\"}");
            });
            answers.add(ann.get(30, TimeUnit.SECONDS));
            answers.add(ben.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(alarm.verificationId()).get("state").asText()).isEqualTo("submitted"));
        assertThat(CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())))).hasSize(1);
        List<String> timeline = verification(alarm.verificationId()).get("timeline").findValuesAsText("type");
        assertThat(timeline).containsOnlyOnce("decision_received").containsOnlyOnce("decision_refused");
    }

    @Test
    void moreWebhooksAtOnceThanThePoolHasConnectionsAreAllTaken() throws Exception {
        // Every caller holds one connection at most: a webhook that took a second one while holding its own
        // (sealing its audit rows after commit did) left every connection held by a waiter, and intake stopped.
        int callers = 3 * dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        List<TestAlarm> alarms = IntStream.range(0, callers).mapToObj(i -> TestAlarm.onContractSite("motion")).toList();
        AtomicInteger next = new AtomicInteger();

        List<Integer> statuses = all(callers, () -> deliverWebhook(alarms.get(next.getAndIncrement()).body()).statusCode());

        assertThat(statuses).containsOnly(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (TestAlarm alarm : alarms) {
                assertThat(contactsNotified(alarm.verificationId())).as("contacts notified for %s", alarm).isEqualTo(1);
            }
        });
    }

    private static <T> List<T> all(int callers, Callable<T> call) throws Exception {
        CyclicBarrier together = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    together.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
