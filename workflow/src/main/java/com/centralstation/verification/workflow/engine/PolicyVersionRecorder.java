package com.centralstation.verification.workflow.engine;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes which version of the escalation policy answered onto the verification's process instance
 * ({@code escalationPolicyVersion}, {@code escalationPolicyDefinitionId}), so the step's audit row names it
 * (RecordEscalationDelegate). An analyst can deploy a new policy at any time: without this, an audit row could
 * not say which rules gave its advice.
 *
 * <p>A DMN evaluation listener rather than a lookup after the fact: it sees the decision definition the engine
 * actually evaluated, in the evaluation's own transaction, whatever the model's {@code decisionRefBinding}.
 */
public class PolicyVersionRecorder extends AbstractProcessEnginePlugin implements DmnDecisionEvaluationListener {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        List<DmnDecisionEvaluationListener> listeners = new ArrayList<>();
        if (dmn.getCustomPostDecisionEvaluationListeners() != null) {
            listeners.addAll(dmn.getCustomPostDecisionEvaluationListeners());
        }
        listeners.add(this);
        dmn.setCustomPostDecisionEvaluationListeners(listeners);
        configuration.setDmnEngineConfiguration(dmn);
    }

    @Override
    public void notify(DmnDecisionEvaluationEvent event) {
        DmnDecision decision = event.getDecisionResult().getDecision();
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null || !(decision instanceof DecisionDefinition definition)
                || !AlarmVerificationModel.Decision.ESCALATION_POLICY.equals(definition.getKey())) {
            return;
        }
        context.getExecution().setVariable(ProcessVariables.ESCALATION_POLICY_VERSION, definition.getVersion());
        context.getExecution().setVariable(ProcessVariables.ESCALATION_POLICY_DEFINITION_ID, definition.getId());
    }
}
