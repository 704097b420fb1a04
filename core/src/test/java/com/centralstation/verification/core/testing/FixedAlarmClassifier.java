package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.port.out.AlarmClassifier;

import java.util.ArrayList;
import java.util.List;

/** Classes every alarm as told (normal unless set), and remembers what it was asked. */
public final class FixedAlarmClassifier implements AlarmClassifier {

    private volatile AlarmClass answer = AlarmClass.NORMAL;
    private final List<Alarm> asked = new ArrayList<>();

    public void classAs(AlarmClass alarmClass) {
        answer = alarmClass;
    }

    public synchronized List<Alarm> asked() {
        return List.copyOf(asked);
    }

    @Override
    public synchronized AlarmClass classify(Alarm alarm) {
        asked.add(alarm);
        return answer;
    }
}
