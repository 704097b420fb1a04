package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alarm's class through the assembled service: decided in the webhook's transaction, stored, shown by
 * the read API, in Cockpit (a process variable) and in Tasklist (the operator task's priority).
 */
class AlarmClassEndToEndTest extends ServiceTest {

    @Autowired
    TaskService tasks;

    @Autowired
    RuntimeService runtime;

    @Test
    void aFireAlarmsOperatorTaskExistsWhenTheWebhookIsAnswered() throws Exception {
        TestAlarm fire = TestAlarm.onContractSite("fire");

        assertThat(deliverWebhook(fire.body()).statusCode()).isEqualTo(202);

        Task task = tasks.createTaskQuery().processInstanceBusinessKey(fire.verificationId().toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_REVIEW).singleResult();
        assertThat(task).as("operator task when the 202 arrives").isNotNull();
        assertThat(task.getPriority()).isEqualTo(100);
        assertThat(runtime.getVariable(task.getProcessInstanceId(), "alarmClass")).isEqualTo("life-safety");
        assertThat(verification(fire.verificationId()).get("alarm_class").asText()).isEqualTo("life-safety");
        // the contacts are still called
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(fire.verificationId()) == 1);
    }

    @Test
    void aHighPriorityIntrusionIsClassedHighAndWaitsForItsContacts() throws Exception {
        TestAlarm motion = TestAlarm.onContractSite("motion");

        assertThat(deliverWebhook(motion.body()).statusCode()).isEqualTo(202);

        JsonNode view = verification(motion.verificationId());
        assertThat(view.get("alarm_class").asText()).isEqualTo("high");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(motion.verificationId().toString()).count()).isZero();
    }

    @Test
    void anAlarmWithoutTriggerAndWithAnUnknownPriorityIsClassedNormalAndStillVerified() throws Exception {
        TestAlarm alarm = TestAlarm.onContractSite("motion");
        String body = alarm.body().replace("\"trigger\":\"motion\",", "").replace("\"priority\":\"HIGH\"", "\"priority\":\"SEVERE\"");

        assertThat(deliverWebhook(body).statusCode()).isEqualTo(202);

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("alarm_class").asText()).isEqualTo("normal");
        assertThat(view.get("trigger").asText()).isEqualTo("unknown");
        assertThat(view.get("priority").asText()).isEqualTo("SEVERE");
        await().atMost(Duration.ofSeconds(30)).until(() -> contactsNotified(alarm.verificationId()) == 1);
    }
}
