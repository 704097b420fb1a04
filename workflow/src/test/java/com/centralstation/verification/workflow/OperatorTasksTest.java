package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static com.centralstation.verification.workflow.WorkflowFixture.CHO;
import static com.centralstation.verification.workflow.WorkflowFixture.DEE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees in Tasklist: each task names the alarm (trigger, class, site, location) before what to do,
 * says when the alarm went off, sorts by the alarm's class, and one verification shows at most one open alert.
 */
class OperatorTasksTest extends WorkflowTestBase {

    private static final Instant FIRE_AT = Instant.parse("2026-12-07T03:12:05Z");

    @Test
    void anOperatorReviewNamesTheAlarmAndItsTimeAndSortsByItsClass() {
        UUID id = f.requestVerification(new Alarm("A-7", "fire", "HIGH", "Loading Bay 5", null, FIRE_AT), ANN, BEN);
        f.executeDueJobs();

        assertThat(f.operatorTasks(id)).singleElement().satisfies(task -> {
            assertThat(task.getName()).isEqualTo("FIRE (life-safety) · Site 1 · Loading Bay 5 · Operator review");
            assertThat(task.getDescription()).startsWith("Alarm at 2026-12-07 03:12:05 UTC\n")
                    .contains("The operator calls the contacts");
            assertThat(task.getPriority()).isEqualTo(ClassPriorities.taskPriority(AlarmClass.LIFE_SAFETY));
        });
    }

    @Test
    void anAlertCarriesItsClassPriorityAndRepeatedAdviceUpdatesTheOneOpenAlert() {
        UUID id = f.requestVerification(new Alarm("A-8", "motion", "HIGH", null, null, FIRE_AT), ANN, BEN, CHO, DEE);
        f.executeDueJobs();

        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();
        List<Task> first = alertTasks(id);
        assertThat(first).as("the 5-minute advice opens one alert").singleElement().satisfies(task -> {
            assertThat(task.getName()).startsWith("MOTION (").endsWith(" · Site 1 · Operator alert: look at this verification");
            assertThat(task.getPriority()).as("the class's priority, not Camunda's flat 50")
                    .isEqualTo(((Number) f.engine.getRuntimeService()
                            .getVariable(task.getProcessInstanceId(), ProcessVariables.CLASS_TASK_PRIORITY)).intValue());
        });

        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();

        assertThat(f.engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_ALERT).count())
                .as("the 10-minute advice opens no second alert").isEqualTo(1);
        assertThat(alertTasks(id)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void anAlertAdvisedAgainWhileOpenSaysSoInsteadOfOpeningASecondTask() {
        UUID id = f.requestVerification(new Alarm("A-9", "motion", "HIGH", null, null, FIRE_AT), ANN, BEN, CHO, DEE);
        f.executeDueJobs();
        f.advance(Duration.ofMinutes(5));
        f.executeDueJobs();
        Task alert = alertTasks(id).get(0);

        f.engine.getRuntimeService().setVariable(alert.getProcessInstanceId(), ProcessVariables.ALERT_OPERATOR, true);
        f.engine.getRuntimeService().createProcessInstanceModification(alert.getProcessInstanceId())
                .startBeforeActivity(AlarmVerificationModel.Gateway.ALERT_OPERATOR).execute();

        assertThat(alertTasks(id)).singleElement().satisfies(task -> {
            assertThat(task.getId()).isEqualTo(alert.getId());
            assertThat(task.getDescription()).startsWith("Alert advised again at ");
        });
    }

    private List<Task> alertTasks(UUID id) {
        return f.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(AlarmVerificationModel.Activity.OPERATOR_ALERT).list();
    }
}
