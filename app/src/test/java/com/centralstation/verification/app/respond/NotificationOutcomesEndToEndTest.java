package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.JobExecutorQuiet;
import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How each notification ends, over real HTTP: a contact nobody can reach is skipped at once, an SMS gateway that
 * refuses our credentials hands the verification to an operator within seconds, a number the gateway refuses is
 * reached by e-mail instead, and an answer that could not be recorded leaves the contact's link usable.
 */
class NotificationOutcomesEndToEndTest extends ContactChannelServiceTest {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(10);
    private static final Pattern LINK_IN_MAIL = Pattern.compile("(https?://\\S+/respond/[A-Za-z0-9_-]+)");

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    private final ContactPhone phone = new ContactPhone();

    @Test
    void aContactWithoutAnAddressForAnyEnabledChannelIsSkippedAtOnce() {
        TestAlarm fresh = newAlarm();
        TestAlarm alarm = fresh.withContact(0, fresh.first().withoutPhone().withoutEmail());
        // The engine's clock stands still: no timer can fire, so whatever happens, happens at once.
        Instant start = freezeClock();

        deliver(alarm);

        awaitResponseLink(alarm, alarm.second());
        assertThat(timeline(alarm, "notification_failed")).singleElement().satisfies(failed -> {
            assertThat(failed.at("/details/contactId").asText()).isEqualTo(String.valueOf(alarm.first().contactId()));
            assertThat(failed.at("/details/outcome").asText()).isEqualTo("unreachable");
            assertThat(failed.at("/details/reason").asText()).contains("no enabled channel (sms, email)");
        });
        assertThat(timeline(alarm, "contact_notified")).singleElement().satisfies(notified -> {
            assertThat(notified.at("/details/contactId").asText()).isEqualTo(String.valueOf(alarm.second().contactId()));
            assertThat(Instant.parse(notified.get("at").asText())).as("no timer waited for").isEqualTo(start);
        });
        assertThat(timeline(alarm, "escalated")).isEmpty();
        assertThat(operatorTasks(alarm)).isEmpty();
        assertThat(smsTo(alarm.third())).isEmpty();
    }

    @Test
    void anSmsGatewayAnswering401HandsOverToAnOperatorWithinSeconds() {
        TestAlarm fresh = newAlarm();
        TestAlarm alarm = fresh.withContact(0, fresh.first().withoutEmail());
        SMS_GATEWAY.stubFor(post(urlPathEqualTo(SMS_MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(alarm.first().phone(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")));
        double channelDownBefore = scrapedValue("notification_channel_down_total{channel=\"sms\"}");

        deliver(alarm);

        await().atMost(WITHIN_SECONDS).until(() -> !operatorTasks(alarm).isEmpty());
        assertThat(smsTo(alarm.first())).as("refused credentials are not retried").hasSize(1);
        assertThat(timeline(alarm, "channel_down")).singleElement().satisfies(alert -> {
            assertThat(alert.at("/details/channel").asText()).isEqualTo("sms");
            assertThat(alert.at("/details/reason").asText()).contains("HTTP 401");
        });
        assertThat(timeline(alarm, "operator_alerted")).isNotEmpty();
        assertThat(timeline(alarm, "handed_over_to_operator")).isNotEmpty();
        assertThat(management.createJobQuery().processInstanceId(processOf(alarm).getId()).timers().count())
                .as("the ladder still runs for the other contacts").isEqualTo(3);
        await().atMost(WITHIN_SECONDS).until(() ->
                scrapedValue("notification_channel_down_total{channel=\"sms\"}") == channelDownBefore + 1);
    }

    @Test
    void aNumberTheGatewayRefusesIsReachedByEmailInstead() throws Exception {
        TestAlarm alarm = newAlarm();
        SMS_GATEWAY.stubFor(post(urlPathEqualTo(SMS_MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=" + URLEncoder.encode(alarm.first().phone(), StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

        deliver(alarm);

        MimeMessage mail = await().atMost(PATIENCE).until(() -> mailTo(alarm.first().email()), Optional::isPresent).orElseThrow();
        Matcher link = LINK_IN_MAIL.matcher(GreenMailUtil.getBody(mail));
        assertThat(link.find()).as("a response link in the e-mail").isTrue();
        await().atMost(PATIENCE).until(() -> wasNotified(alarm, alarm.first()));
        assertThat(timeline(alarm, "contact_notified")).singleElement()
                .satisfies(notified -> assertThat(notified.at("/details/channel").asText()).isEqualTo("email"));
        assertThat(timeline(alarm, "channel_down")).isEmpty();
        assertThat(operatorTasks(alarm)).isEmpty();

        ContactPhone.Page accepted = phone.confirm(phone.open(URI.create(link.group(1) + "/disregard")));
        assertThat(accepted.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(patchesFor(alarm)).hasSize(1));
    }

    @Test
    void aFailingRecordingLeavesTheLinkUsable() {
        TestAlarm alarm = newAlarm();
        URI link = deliveredWithItsLink(alarm);

        ContactPhone.Page failed = dispatchFailingWith(link, new IllegalStateException("the database is unavailable"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.html()).contains("data-page=\"NOT_RECORDED\"", "Your link still works");
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        ContactPhone.Page reopened = phone.open(link);
        assertThat(reopened.status()).isEqualTo(200);

        ContactPhone.Page accepted = phone.confirm(phone.open(URI.create(link + "/dispatch")));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.html()).contains("data-page=\"ACCEPTED\"");
        await().atMost(PATIENCE).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))));
        assertThat(phone.open(link).status()).as("spent once the decision is recorded").isEqualTo(410);
    }

    @Test
    void anAnswerMetByAFullDiskAsksTheContactToTryAgainInAMinuteAndTheLinkStillWorks() {
        TestAlarm alarm = newAlarm();
        URI link = deliveredWithItsLink(alarm);

        ContactPhone.Page failed = dispatchFailingWith(link, new IllegalStateException("could not record the decision",
                new SQLException("IO Exception: \"java.io.IOException: No space left on device\" [90028-232]", "90028", 90028)));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.header("Retry-After")).isEqualTo("60");
        assertThat(failed.html()).contains("data-page=\"NOT_RECORDED\"", "try again in a minute", "Your link still works");
        assertThat(phone.open(link).status()).isEqualTo(200);
        ContactPhone.Page accepted = phone.confirm(phone.open(URI.create(link + "/dispatch")));
        assertThat(accepted.status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))));
    }

    private URI deliveredWithItsLink(TestAlarm alarm) {
        deliver(alarm);
        return awaitResponseLink(alarm, alarm.first());
    }

    /** The contact confirms Dispatch through the link, and recording it fails with this. */
    private ContactPhone.Page dispatchFailingWith(URI link, RuntimeException failure) {
        ContactPhone.Page confirmation = phone.open(URI.create(link + "/dispatch"));
        FailingDecisions.failNextDecision(failure);
        return phone.confirm(confirmation);
    }

    @Test
    void supervisorsSeeOpenIncidentsAndOverdueVerificationsAsGauges() {
        TestAlarm alarm = newAlarm();
        deliver(alarm);
        awaitResponseLink(alarm, alarm.first());
        double incidentsBefore = scrapedValue("verification_open_incidents");
        double overdueBefore = scrapedValue("verification_overdue");

        String instance = processOf(alarm).getId();
        String waiting = runtime.createExecutionQuery().processInstanceId(instance)
                .activityId(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION).singleResult().getId();
        JobExecutorQuiet.awaitNoDueJobs(management, instance);
        Incident incident = runtime.createIncident("supervisorCheck", waiting, "an incident a supervisor has to look at");
        // 16 minutes on, every escalation timer of the instance is due and the job executor runs them.
        setClock(Instant.now().plus(Duration.ofMinutes(16)));

        assertThat(scrapedValue("verification_open_incidents")).isEqualTo(incidentsBefore + 1);
        assertThat(scrapedValue("verification_overdue")).isGreaterThan(overdueBefore);
        JobExecutorQuiet.awaitNoDueJobs(management, instance);
        runtime.resolveIncident(incident.getId());
        assertThat(scrapedValue("verification_open_incidents")).isEqualTo(incidentsBefore);
    }

    private List<Task> operatorTasks(TestAlarm alarm) {
        return tasks.createTaskQuery().processInstanceBusinessKey(alarm.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).list();
    }

    private ProcessInstance processOf(TestAlarm alarm) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(alarm.verificationId().toString()).singleResult();
    }

    private static Optional<MimeMessage> mailTo(String address) {
        return Arrays.stream(MAIL_SERVER.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst();
    }
}
