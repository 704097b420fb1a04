package com.centralstation.verification.archfixture.core.usecase;

/** Wrong, with {@link ExplainAlarm}: two use cases that use each other (as one once borrowed the other's actor names). */
public class ReportAlarm {

    public String report(String verificationId) {
        return verificationId + ": " + new ExplainAlarm().explain(verificationId);
    }

    static String actor(String verificationId) {
        return "engine:" + verificationId;
    }
}
