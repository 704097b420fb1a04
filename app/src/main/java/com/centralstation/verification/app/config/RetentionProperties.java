package com.centralstation.verification.app.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long the records that grow with every alarm are kept: {@code verification.retention.*}.
 *
 * @param endedVerifications how long after a verification ended its raw webhook bodies, response-link tokens and
 *                           notification attempts are kept (at least a day: CHeKT redelivers for up to 24 hours)
 * @param purgeCron          when the purge runs (Spring cron, the server's time zone): at a quiet time
 */
@Validated
@ConfigurationProperties("verification.retention")
public record RetentionProperties(
        @DefaultValue("P400D") @NotNull
        @DurationMin(days = 1, message = "verification.retention.ended-verifications must be at least one day")
        Duration endedVerifications,
        @DefaultValue("0 30 1 * * *") @NotBlank String purgeCron) {

    public RetentionProperties {
        if (purgeCron != null && !purgeCron.isBlank() && !CronExpression.isValidExpression(purgeCron)) {
            throw new IllegalArgumentException("verification.retention.purge-cron is not a cron expression: " + purgeCron);
        }
    }
}
