package com.centralstation.verification.archfixture.core.port.out;

/** A proper port. */
public interface Messenger {

    void send(String text);
}
