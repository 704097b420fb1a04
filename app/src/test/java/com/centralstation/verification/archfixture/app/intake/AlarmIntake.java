package com.centralstation.verification.archfixture.app.intake;

import com.centralstation.verification.archfixture.core.port.out.Messenger;

/** Wrong: an application service in app, calling an out-port itself instead of through a use case. */
public class AlarmIntake {

    private final Messenger messenger;

    public AlarmIntake(Messenger messenger) {
        this.messenger = messenger;
    }

    public void take(String delivery) {
        messenger.send(delivery);
    }
}
