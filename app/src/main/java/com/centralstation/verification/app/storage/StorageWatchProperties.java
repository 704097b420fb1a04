package com.centralstation.verification.app.storage;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the service watches its storage ({@link StorageWatch}). The heartbeat's interval is
 * {@code verification.engine.heartbeat-interval}.
 *
 * @param lowSpaceAlert free space under the data directory below which supervisors are alerted (log, gauge, a
 *                      Tasklist task); unset, the larger of 1 GB and 10 % of the file system
 * @param restartAfter  how long an outage of the embedded H2 database may last, while the service cannot reopen it
 *                      although the disk is not full, before liveness reports DOWN so that a supervisor (systemd, the
 *                      container runtime) restarts the process
 */
@Validated
@ConfigurationProperties("verification.storage")
public record StorageWatchProperties(DataSize lowSpaceAlert,
                                     @NotNull @DefaultValue("2m") Duration restartAfter) {

    static final DataSize LEAST_ALERT = DataSize.ofMegabytes(1);

    @AssertTrue(message = "low-space-alert must be at least 1MB")
    public boolean isLowSpaceAlertValid() {
        return lowSpaceAlert == null || lowSpaceAlert.compareTo(LEAST_ALERT) >= 0;
    }

    @AssertTrue(message = "restart-after must be between 30 s and 1 h")
    public boolean isRestartAfterValid() {
        return restartAfter == null || (restartAfter.compareTo(Duration.ofSeconds(30)) >= 0
                && restartAfter.compareTo(Duration.ofHours(1)) <= 0);
    }
}
