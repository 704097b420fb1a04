package com.centralstation.verification.app.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The policy dry run's bounds.
 *
 * @param maxSteps the most recorded escalation steps one dry run replays, newest first; a window holding more is
 *                 replayed up to it and the report says it is not complete. Memory grows with it by about a hundred
 *                 bytes per replayed verification, time by a few microseconds per step
 */
@Validated
@ConfigurationProperties("verification.dry-run")
public record DryRunProperties(@Min(1_000) @Max(10_000_000) @DefaultValue("1000000") int maxSteps) {
}
