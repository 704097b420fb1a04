package com.centralstation.verification.adapters.notification;

/** How a channel's settings print a secret: whether it is set, never what it is. */
final class Secrets {

    private Secrets() {
    }

    static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "<unset>" : "******";
    }
}
