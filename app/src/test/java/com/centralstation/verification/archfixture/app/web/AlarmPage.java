package com.centralstation.verification.archfixture.app.web;

import com.centralstation.verification.archfixture.adapters.notification.LinkIssuingMessenger;

/** Wrong: a page reaching into an adapter instead of being handed what it shows. */
public class AlarmPage {

    public String channel(LinkIssuingMessenger messenger) {
        return messenger.getClass().getSimpleName();
    }
}
