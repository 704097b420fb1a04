package com.centralstation.verification.archfixture.app.web;

import org.springframework.transaction.annotation.Transactional;

/** Wrong: an application service, owning the transaction, in the web package. */
public class DeliveryIntake {

    @Transactional
    public void handle(String delivery) {
        delivery.length();
    }
}
