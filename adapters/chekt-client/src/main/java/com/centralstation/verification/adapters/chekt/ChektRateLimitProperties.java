package com.centralstation.verification.adapters.chekt;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This node's own limit on submissions to CHeKT ({@code chekt.rate-limit.*}), so that it stays under CHeKT's
 * token bucket (60, 600 or 3,000 requests a minute by tier) instead of drawing 429 answers.
 *
 * @param requestsPerMinute submissions this node may send per minute, spread evenly (one every
 *                          60 s / requests-per-minute); unset: no limit of our own. Per node: with several nodes,
 *                          give each its share of the tier
 */
@Validated
@ConfigurationProperties(prefix = "chekt.rate-limit")
public record ChektRateLimitProperties(@Positive Integer requestsPerMinute) {

    boolean isOn() {
        return requestsPerMinute != null;
    }
}
