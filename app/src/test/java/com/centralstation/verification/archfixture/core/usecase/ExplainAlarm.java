package com.centralstation.verification.archfixture.core.usecase;

/** Wrong, with {@link ReportAlarm}: reaches back into the use case that calls it. */
public class ExplainAlarm {

    public String explain(String verificationId) {
        return "explained by " + ReportAlarm.actor(verificationId);
    }
}
