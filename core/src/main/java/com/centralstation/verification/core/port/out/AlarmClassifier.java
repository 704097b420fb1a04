package com.centralstation.verification.core.port.out;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;

/** Classes an alarm by the analysts' rules (a DMN table the engine evaluates). */
public interface AlarmClassifier {

    /**
     * Runs in the caller's transaction and never refuses an alarm: a trigger or priority the rules do
     * not know, or an answer that is no class, is {@link AlarmClass#NORMAL}.
     */
    AlarmClass classify(Alarm alarm);
}
