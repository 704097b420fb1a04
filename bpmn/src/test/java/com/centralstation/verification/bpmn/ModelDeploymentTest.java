package com.centralstation.verification.bpmn;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine itself accepts the four models as one deployment, the way the app deploys them. */
class ModelDeploymentTest {

    private static ProcessEngine engine;
    private static Deployment deployment;

    @BeforeAll
    static void deploy() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:bpmn-model-deployment;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("bpmn-model-deployment");
        engine = configuration.buildProcessEngine();
        deployment = engine.getRepositoryService().createDeployment()
                .addClasspathResource("alarm-verification.bpmn")
                .addClasspathResource("escalation-policy.dmn")
                .addClasspathResource("alarm-class.dmn")
                .addClasspathResource("alarm-validation.dmn")
                .addClasspathResource("operator-review.form")
                .addClasspathResource("dispatch-not-taken.form")
                .deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void deploysTheProcessTheDecisionsAndTheForm() {
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(AlarmVerificationModel.PROCESS_KEY).singleResult().getHistoryTimeToLive()).isEqualTo(30);
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deployment.getId())
                .decisionDefinitionKey(AlarmVerificationModel.Decision.ESCALATION_POLICY).singleResult().getHistoryTimeToLive()).isEqualTo(30);
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deployment.getId())
                .decisionDefinitionKey(AlarmVerificationModel.Decision.ALARM_CLASS).singleResult().getHistoryTimeToLive()).isEqualTo(30);
        for (String validation : List.of(AlarmVerificationModel.Decision.ALARM_VALIDATION,
                AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION)) {
            assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deployment.getId())
                    .decisionDefinitionKey(validation).singleResult().getHistoryTimeToLive()).as(validation).isEqualTo(30);
        }
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment.getId()))
                .contains("operator-review.form", "dispatch-not-taken.form");
    }

    @Test
    void theEnginesDmnSettingsReadTheTableAsTheStandaloneDmnEngineDoes() {
        Map<String, Object> fire = Variables.createVariables().putValue("escalationStep", "intake")
                .putValue("trigger", "fire").putValue("priority", "HIGH").putValue("alarmClass", "life-safety")
                .putValue("contactsNotified", 0).putValue("contactsLeft", 2);
        Map<String, Object> advice = engine.getDecisionService().evaluateDecisionByKey(AlarmVerificationModel.Decision.ESCALATION_POLICY)
                .variables(fire).evaluate().getSingleResult().getEntryMap();
        assertThat(advice).containsExactlyInAnyOrderEntriesOf(Map.of(
                "notifyNextContact", false, "alertOperator", true, "handOverToOperator", true));

        Map<String, Object> missing = Variables.createVariables().putValue("trigger", null).putValue("priority", null);
        assertThat(engine.getDecisionService().evaluateDecisionByKey(AlarmVerificationModel.Decision.ALARM_CLASS)
                .variables(missing).evaluate().<Object>getSingleEntry()).isEqualTo("normal");
    }
}
