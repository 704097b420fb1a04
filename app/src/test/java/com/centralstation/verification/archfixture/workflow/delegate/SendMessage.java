package com.centralstation.verification.archfixture.workflow.delegate;

import com.centralstation.verification.archfixture.core.port.out.Messenger;

/** Wrong twice: a delegate without its role in its name, calling an out-port past the use case. */
public class SendMessage {

    private final Messenger messenger;

    public SendMessage(Messenger messenger) {
        this.messenger = messenger;
    }

    public void execute() {
        messenger.send("alarm");
    }
}
