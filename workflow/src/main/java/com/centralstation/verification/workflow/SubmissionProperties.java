package com.centralstation.verification.workflow;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How decisions reach CHeKT: {@code verification.submission.*}. The model reads the deadline through
 * {@link SubmissionTimers}.
 *
 * @param dispatchDeadline a DISPATCH that CHeKT has not taken this long after its decision, for any reason (429, 503,
 *                         timeouts), also goes to an operator ("call the agency") while the submission keeps trying
 */
@Validated
@ConfigurationProperties("verification.submission")
public record SubmissionProperties(
        @DefaultValue("PT2M") @NotNull
        @DurationMin(seconds = 10, message = "verification.submission.dispatch-deadline must be at least 10 seconds")
        @DurationMax(minutes = 15, message = "verification.submission.dispatch-deadline must be at most 15 minutes")
        Duration dispatchDeadline) {

    public static SubmissionProperties defaults() {
        return new SubmissionProperties(Duration.ofMinutes(2));
    }
}
