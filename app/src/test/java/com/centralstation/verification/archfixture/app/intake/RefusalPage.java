package com.centralstation.verification.archfixture.app.intake;

import com.centralstation.verification.archfixture.app.web.DeliveryIntake;

/** Wrong: the application layer depending on the web layer. */
public class RefusalPage {

    public void refuse(DeliveryIntake intake) {
        intake.handle("refused");
    }
}
