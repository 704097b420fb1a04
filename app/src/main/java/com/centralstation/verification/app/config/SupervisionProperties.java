package com.centralstation.verification.app.config;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * What supervisors are shown: {@code verification.supervision.*}.
 *
 * @param overdueAfter a verification not ended this long after it arrived counts in the
 *                     {@code verification_overdue} gauge
 */
@Validated
@ConfigurationProperties("verification.supervision")
public record SupervisionProperties(
        @DefaultValue("PT15M") @NotNull
        @DurationMin(minutes = 1, message = "verification.supervision.overdue-after must be at least one minute")
        Duration overdueAfter) {
}
