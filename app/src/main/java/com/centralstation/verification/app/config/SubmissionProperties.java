package com.centralstation.verification.app.config;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How decisions reach CHeKT: {@code verification.submission.*}.
 *
 * @param dispatchDeadline a DISPATCH that CHeKT has not taken this long after its decision, for any reason (429, 503,
 *                         timeouts), goes to an operator ("call the responding agency") with CHeKT's last answer
 */
@Validated
@ConfigurationProperties("verification.submission")
public record SubmissionProperties(
        @DefaultValue("PT2M") @NotNull
        @DurationMin(seconds = 10, message = "verification.submission.dispatch-deadline must be at least 10 seconds")
        @DurationMax(minutes = 15, message = "verification.submission.dispatch-deadline must be at most 15 minutes")
        Duration dispatchDeadline) {
}
