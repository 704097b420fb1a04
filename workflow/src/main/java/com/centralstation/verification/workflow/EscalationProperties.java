package com.centralstation.verification.workflow;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * When the escalation timers fire, measured from the first notification. The model reads them
 * through {@link EscalationTimers}; demos and benchmarks compress them here, never in the model.
 *
 * @param first  verification.escalation.first, default PT2M
 * @param second verification.escalation.second, default PT5M
 * @param third  verification.escalation.third, default PT10M (the shipped policy hands over to an operator)
 */
@Validated
@ConfigurationProperties("verification.escalation")
public record EscalationProperties(
        @NotNull @DefaultValue("PT2M") Duration first,
        @NotNull @DefaultValue("PT5M") Duration second,
        @NotNull @DefaultValue("PT10M") Duration third) {

    public static EscalationProperties defaults() {
        return new EscalationProperties(Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    @AssertTrue(message = "verification.escalation.first must be a positive duration")
    public boolean isFirstPositive() {
        return first == null || (!first.isNegative() && !first.isZero());
    }

    @AssertTrue(message = "verification.escalation.first, .second and .third must increase strictly (first < second < third)")
    public boolean isStrictlyIncreasing() {
        return first == null || second == null || third == null
                || (first.compareTo(second) < 0 && second.compareTo(third) < 0);
    }
}
