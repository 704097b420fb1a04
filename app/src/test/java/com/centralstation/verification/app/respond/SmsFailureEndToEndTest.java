package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A contact whose SMS gateway keeps failing (and who has no e-mail address to fall back to): the engine retries
 * the notification on the model's cycle, the failures are audited and kept as evidence, the channel then counts
 * as down, so an operator takes over at once, and the escalation still calls the next contact exactly at the
 * 2-minute step. The engine's clock is frozen and moved to each due date, so
 * "on time" is checked to the millisecond without waiting.
 */
class SmsFailureEndToEndTest extends ContactChannelServiceTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    NotificationLog notificationLog;

    @Autowired
    TaskService tasks;

    @Test
    void aContactWhoseSmsFailsIsRetriedAuditedThenHandedToAnOperatorAndTheNextContactIsCalledAtTwoMinutes() {
        TestAlarm fresh = newAlarm();
        TestAlarm alarm = fresh.withContact(0, fresh.first().withoutEmail());
        TestAlarm.TestContact ann = alarm.first();
        TestAlarm.TestContact ben = alarm.second();
        SMS_GATEWAY.stubFor(post(urlPathEqualTo(SMS_MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(ann.phone(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
        Instant start = freezeClock();

        deliver(alarm);

        // Attempt 1 fails; the engine schedules the retries on the model's cycle (PT5S, then PT15S).
        await().atMost(PATIENCE).until(() -> smsTo(ann).size() == 1);
        Job firstRetry = awaitRetryScheduled(alarm);
        assertThat(Duration.between(start, firstRetry.getDuedate().toInstant())).isEqualTo(Duration.ofSeconds(5));
        setClock(firstRetry.getDuedate().toInstant());
        await().atMost(PATIENCE).until(() -> smsTo(ann).size() == 2);
        Job secondRetry = awaitRetryScheduled(alarm);
        assertThat(Duration.between(now(), secondRetry.getDuedate().toInstant())).isEqualTo(Duration.ofSeconds(15));
        setClock(secondRetry.getDuedate().toInstant());
        await().atMost(PATIENCE).until(() -> smsTo(ann).size() == 3);

        // The third failure gives up on Ann (notification max-attempts 3): the SMS channel counts as down, which is
        // audited as an alert and hands the verification to an operator at once; the ladder starts too.
        await().atMost(PATIENCE).until(() -> timeline(alarm, "notification_failed").stream()
                .anyMatch(event -> event.at("/details/permanent").asText().equals("true")));
        await().atMost(PATIENCE).until(() -> !operatorTasks(alarm).isEmpty());
        assertThat(timeline(alarm, "channel_down")).singleElement()
                .satisfies(event -> assertThat(event.at("/details/channel").asText()).isEqualTo("sms"));
        assertThat(timeline(alarm, "notification_failed").get(2).at("/details/outcome").asText()).isEqualTo("channel-down");
        List<JsonNode> failures = timeline(alarm, "notification_failed");
        assertThat(failures).hasSize(3).allSatisfy(event -> {
            assertThat(event.at("/details/contactId").asText()).isEqualTo(String.valueOf(ann.contactId()));
            assertThat(event.at("/details/reason").asText()).contains("SMS gateway answered HTTP 500");
        });
        assertThat(failures).extracting(event -> event.at("/details/permanent").asText()).containsExactly("false", "false", "true");
        Instant gaveUpAt = Instant.parse(failures.get(2).get("at").asText());
        JsonNode annNotified = verification(alarm.verificationId()).get("notified").get(0);
        assertThat(annNotified.get("contact_id").asLong()).isEqualTo(ann.contactId());
        assertThat(annNotified.get("delivered").asBoolean()).isFalse();
        assertThat(smsTo(ben)).isEmpty();

        // The 2-minute step counts from that first notification, and calls Ben when it is due, not later.
        Instant twoMinuteStep = gaveUpAt.plus(Duration.ofMinutes(2));
        Job firstTimer = management.createJobQuery().processInstanceId(processOf(alarm).getId()).timers()
                .orderByJobDuedate().asc().list().get(0);
        assertThat(firstTimer.getDuedate().toInstant()).isEqualTo(twoMinuteStep);
        setClock(twoMinuteStep);

        await().atMost(PATIENCE).until(() -> wasNotified(alarm, ben));
        assertThat(smsTo(ben)).hasSize(1);
        assertThat(timeline(alarm, "escalated")).singleElement().satisfies(step -> {
            assertThat(step.at("/details/step").asText()).isEqualTo("2min");
            assertThat(Instant.parse(step.get("at").asText())).isEqualTo(twoMinuteStep);
        });
        assertThat(timeline(alarm, "contact_notified")).singleElement().satisfies(notified -> {
            assertThat(notified.at("/details/contactId").asText()).isEqualTo(String.valueOf(ben.contactId()));
            assertThat(Instant.parse(notified.get("at").asText())).isEqualTo(twoMinuteStep);
        });
        assertThat(smsTo(ann)).as("no fourth try for Ann").hasSize(3);
        assertThat(operatorTasks(alarm)).as("still one operator task").hasSize(1);

        // Every attempt is kept as evidence: channel, address, time and result.
        List<NotificationAttempt> attempts = notificationLog.attempts(alarm.verificationId());
        assertThat(attempts).filteredOn(attempt -> attempt.contactId() == ann.contactId()).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.channel()).isEqualTo("sms");
            assertThat(attempt.address()).isEqualTo(ann.phone());
            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.detail()).contains("HTTP 500");
        }).extracting(NotificationAttempt::attemptedAt)
                .containsExactly(start, start.plusSeconds(5), start.plusSeconds(20));
        assertThat(attempts).filteredOn(attempt -> attempt.contactId() == ben.contactId()).singleElement().satisfies(attempt -> {
            assertThat(attempt.delivered()).isTrue();
            assertThat(attempt.attemptedAt()).isEqualTo(twoMinuteStep);
            assertThat(attempt.detail()).startsWith("SM");
        });
    }

    private List<Task> operatorTasks(TestAlarm alarm) {
        return tasks.createTaskQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).list();
    }

    private ProcessInstance processOf(TestAlarm alarm) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString()).singleResult();
    }

    /** The failed notification job, once the engine has rescheduled it after the clock's current time. */
    private Job awaitRetryScheduled(TestAlarm alarm) {
        return await().atMost(PATIENCE).until(() -> Optional.ofNullable(processOf(alarm))
                        .flatMap(process -> management.createJobQuery().processInstanceId(process.getId()).withException().list()
                                .stream().filter(job -> job.getDuedate() != null && job.getDuedate().toInstant().isAfter(now()))
                                .findFirst()),
                Optional::isPresent).orElseThrow();
    }
}
