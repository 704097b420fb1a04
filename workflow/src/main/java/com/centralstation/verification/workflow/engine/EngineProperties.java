package com.centralstation.verification.workflow.engine;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The engine's settings of our own: {@code verification.engine.*}.
 *
 * @param lockOwner the name this node's job executor locks jobs under ({@link JobLockOwner}). It must stay the same
 *                  across restarts of one node and differ between nodes that run at the same time; unset, it is
 *                  {@link #defaultLockOwner host:port:data-directory}. Camunda's column holds 255 characters.
 * @param heartbeatInterval how often this node renews its row in {@code node_heartbeat} ({@link NodeHeartbeat}): the
 *                  write whose result the storage health reports, and the sign that this lock owner is in use
 */
@Validated
@ConfigurationProperties("verification.engine")
public record EngineProperties(
        @Size(max = 255, message = "verification.engine.lock-owner must be at most 255 characters") String lockOwner,
        @NotNull @DefaultValue("5s") Duration heartbeatInterval) {

    public EngineProperties {
        lockOwner = lockOwner == null || lockOwner.isBlank() ? null : lockOwner.strip();
    }

    @AssertTrue(message = "heartbeat-interval must be between 1 s and 30 s")
    public boolean isHeartbeatIntervalValid() {
        return heartbeatInterval == null || (heartbeatInterval.compareTo(Duration.ofSeconds(1)) >= 0
                && heartbeatInterval.compareTo(Duration.ofSeconds(30)) <= 0);
    }

    /**
     * The lock owner to use: the configured one, else one that is stable per installation and unique among the
     * processes on one host (two cannot listen on one port, and each keeps its own data directory).
     */
    public String lockOwner(int port, Path dataDir) {
        return lockOwner != null ? lockOwner : defaultLockOwner(hostName(), port, dataDir);
    }

    static String defaultLockOwner(String host, int port, Path dataDir) {
        String node = host + ":" + port + ":";
        String directory = dataDir.toAbsolutePath().normalize().toString();
        // A deep data directory may not fit the column; its end tells installations apart best.
        int room = 255 - node.length();
        if (room <= 0) {
            return node.substring(0, 255);
        }
        return node + (directory.length() <= room ? directory : directory.substring(directory.length() - room));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
