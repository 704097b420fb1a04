package com.centralstation.verification.archfixture.app.input;

import com.centralstation.verification.archfixture.app.web.DeliveryIntake;

/** Wrong: input reading depending on the web layer. */
public class RefusalPage {

    public void refuse(DeliveryIntake intake) {
        intake.handle("refused");
    }
}
