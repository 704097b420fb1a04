package com.centralstation.verification.archfixture.adapters.notification;

import com.centralstation.verification.archfixture.core.port.out.Messenger;
import com.centralstation.verification.archfixture.core.usecase.ConfirmAlarm;

/** Wrong: an out-adapter calling a use case (as a notifier issuing response links once did), and not named for its technology. */
public class LinkIssuingMessenger implements Messenger {

    private final ConfirmAlarm confirmAlarm = new ConfirmAlarm();

    @Override
    public void send(String text) {
        confirmAlarm.confirm(text);
    }
}
