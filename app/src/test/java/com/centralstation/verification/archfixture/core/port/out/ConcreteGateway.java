package com.centralstation.verification.archfixture.core.port.out;

/** Wrong: an implementation sitting among the ports. */
public class ConcreteGateway {

    public String submit() {
        return "submitted";
    }
}
