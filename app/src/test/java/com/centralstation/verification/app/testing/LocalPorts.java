package com.centralstation.verification.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports on this machine, for a service that must know its own address before it starts. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port nobody listens on now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
