package com.centralstation.verification.app.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Authorization} header a client sends for a login (RFC 7617). */
public final class BasicAuth {

    private BasicAuth() {
    }

    public static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
