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

/** The engine itself accepts the three models as one deployment, the way the app deploys them. */
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
                .addClasspathResource("alarm-validation.dmn")
                .addClasspathResource("operator-review.form")
                .deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void deploysTheProcessTheDecisionAndTheForm() {
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
                .processDefinitionKey(AlarmVerificationModel.PROCESS_KEY).singleResult().getHistoryTimeToLive()).isEqualTo(30);
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deployment.getId())
                .decisionDefinitionKey(AlarmVerificationModel.Decision.ESCALATION_POLICY).singleResult().getHistoryTimeToLive()).isEqualTo(30);
        for (String validation : List.of(AlarmVerificationModel.Decision.ALARM_VALIDATION,
                AlarmVerificationModel.Decision.ENHANCED_CALL_VERIFICATION)) {
            assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(deployment.getId())
                    .decisionDefinitionKey(validation).singleResult().getHistoryTimeToLive()).as(validation).isEqualTo(30);
        }
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(deployment.getId()))
                .contains("operator-review.form");
    }

    @Test
    void theEnginesDmnSettingsReadTheTableAsTheStandaloneDmnEngineDoes() {
        Map<String, Object> fire = Variables.createVariables().putValue("escalationStep", "initial")
                .putValue("trigger", "fire").putValue("priority", "HIGH")
                .putValue("contactsNotified", 1).putValue("contactsLeft", 2);
        Map<String, Object> advice = engine.getDecisionService().evaluateDecisionByKey(AlarmVerificationModel.Decision.ESCALATION_POLICY)
                .variables(fire).evaluate().getSingleResult().getEntryMap();
        assertThat(advice).containsExactlyInAnyOrderEntriesOf(Map.of(
                "notifyNextContact", false, "alertOperator", true, "handOverToOperator", true));
    }
}
