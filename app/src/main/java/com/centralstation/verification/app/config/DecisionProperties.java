package com.centralstation.verification.app.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How decisions are checked.
 *
 * @param allowedClockSkew how far a caller's {@code responded_at} may lie in the future (clocks differ)
 *                         before the decision is refused
 */
@Validated
@ConfigurationProperties("verification.decisions")
public record DecisionProperties(@NotNull Duration allowedClockSkew) {

    public DecisionProperties {
        if (allowedClockSkew != null && (allowedClockSkew.isNegative() || allowedClockSkew.compareTo(Duration.ofMinutes(5)) > 0)) {
            throw new IllegalArgumentException("verification.decisions.allowed-clock-skew must be between PT0S and PT5M, was "
                    + allowedClockSkew);
        }
    }
}
