package com.centralstation.verification.archfixture.app.web;

import org.springframework.transaction.annotation.Transactional;

/** Wrong: an application service owning its transaction, in app (here in the web package). */
public class DeliveryIntake {

    @Transactional
    public void handle(String delivery) {
        delivery.length();
    }
}
