package com.centralstation.verification.archfixture.workflow.process;

import com.centralstation.verification.archfixture.core.usecase.ConfirmAlarm;

/** Wrong: the engine adapter reaching into a use case for its exception type. */
public class CamundaAlarmProcess {

    public boolean lostTheRace(RuntimeException failure) {
        return failure instanceof ConfirmAlarm.Conflict;
    }
}
