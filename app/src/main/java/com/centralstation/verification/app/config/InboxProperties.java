package com.centralstation.verification.app.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How this node's starter takes requests from the inbox.
 *
 * @param batchSize       requests started in one transaction at most (an H2 commit writes the pages it changed once,
 *                        however many starts share it)
 * @param pollInterval    how long the starter waits after a batch that found nothing, at first; a webhook taken in on
 *                        this node wakes it at once
 * @param maxPollInterval the longest it waits, after doubling the wait each time it found nothing: how soon requests
 *                        taken in by another node are started here when that node's own starter is gone
 * @param maxAttempts     failed attempts to start a request (each alone in its transaction) before it is quarantined
 * @param starterEnabled  whether this node starts requests at all; a node without a starter still takes them in
 */
@Validated
@ConfigurationProperties("verification.inbox")
public record InboxProperties(@Min(1) @Max(1000) @DefaultValue("50") int batchSize,
                              @NotNull @DefaultValue("100ms") Duration pollInterval,
                              @NotNull @DefaultValue("2s") Duration maxPollInterval,
                              @Min(1) @Max(100) @DefaultValue("3") int maxAttempts,
                              @DefaultValue("true") boolean starterEnabled) {

    @AssertTrue(message = "verification.inbox.poll-interval must be between 10 ms and 10 s")
    public boolean isPollIntervalValid() {
        return pollInterval == null || (pollInterval.toMillis() >= 10 && pollInterval.compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @AssertTrue(message = "verification.inbox.max-poll-interval must be at least poll-interval and at most 60 s")
    public boolean isMaxPollIntervalValid() {
        return maxPollInterval == null || pollInterval == null
                || (maxPollInterval.compareTo(pollInterval) >= 0 && maxPollInterval.compareTo(Duration.ofSeconds(60)) <= 0);
    }
}
