package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.port.out.AlarmClassifier;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core's {@link AlarmClassifier} as the latest deployed {@code alarmClass} decision table, so analysts
 * change the classes by redeploying the table. Evaluated through the engine, in the caller's transaction.
 */
public final class CamundaAlarmClassifier implements AlarmClassifier {

    private static final Logger log = LoggerFactory.getLogger(CamundaAlarmClassifier.class);

    private final DecisionService decisions;

    public CamundaAlarmClassifier(DecisionService decisions) {
        this.decisions = decisions;
    }

    @Override
    public AlarmClass classify(Alarm alarm) {
        DmnDecisionResultEntries answer = decisions.evaluateDecisionByKey(AlarmVerificationModel.Decision.ALARM_CLASS)
                .variables(Variables.createVariables()
                        .putValue(ProcessVariables.TRIGGER, alarm.trigger())
                        .putValue(ProcessVariables.PRIORITY, alarm.priority()))
                .evaluate()
                .getFirstResult();
        Object code = answer == null ? null : answer.get(ProcessVariables.ALARM_CLASS);
        return AlarmClass.fromCode(code instanceof String text ? text : null).orElseGet(() -> {
            // an edited table that matches nothing or answers another word must not refuse an alarm
            log.warn("The alarmClass table answered {} for trigger '{}', priority '{}'; classed normal",
                    answer == null ? "nothing" : "'" + code + "'", alarm.trigger(), alarm.priority());
            return AlarmClass.NORMAL;
        });
    }
}
