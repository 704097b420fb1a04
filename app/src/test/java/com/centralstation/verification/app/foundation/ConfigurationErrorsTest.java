package com.centralstation.verification.app.foundation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wrong setting stops start-up, and what the operator reads (Spring Boot's failure report) names the
 * property to fix, instead of leaving them to hunt through a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorsTest {

    @TempDir
    Path dataDir;

    /**
     * Each bad setting and the problem the failure report states, word for word as the operator reads it: a
     * setting refused by a validation annotation is named the way Spring Boot names it (sometimes in its Java
     * form, {@code chekt.baseUrl}), followed by the reason.
     */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                row("camunda.bpm.admin-user.password", "",
                        "camunda.bpm.admin-user.password: must not be blank"),
                row("verification.api.password", "",
                        "verification.api.password: must not be blank"),
                row("verification.escalation.first", "two minutes",
                        "verification.escalation.first: failed to convert java.lang.String to "
                        + "@jakarta.validation.constraints.NotNull "
                        + "@org.springframework.boot.context.properties.bind.DefaultValue java.time.Duration (caused by "
                        + "java.lang.IllegalArgumentException: 'two minutes' is not a valid duration)"),
                row("verification.escalation.third", "PT1M",
                        "verification.escalation.strictlyIncreasing: verification.escalation.first, .second and .third must "
                        + "increase strictly (first < second < third)"),
                row("chekt.base-url", "not a url",
                        "chekt.baseUrl: must be an absolute http(s) URL"),
                row("chekt.webhook-secret", "",
                        "chekt.webhookSecret: must not be blank"),
                row("verification.audit.chain-key", "", "FILL"),
                row("verification.audit.chain-key", "short", "FILL"),
                row("verification.metrics.password", "", "FILL"),
                row("verification.dry-run.max-steps", "10", "FILL"),
                row("verification.metrics.username", "station", "FILL"),
                row("verification.storage.low-space-alert", "512KB", "FILL"),
                row("verification.storage.restart-after", "10s", "FILL"),
                row("verification.engine.heartbeat-interval", "0s", "FILL"),
                row("verification.intake.tombstone-expiry", "PT0S",
                        "java.lang.IllegalArgumentException: verification.intake.tombstone-expiry must be a positive "
                        + "duration, was PT0S"),
                row("verification.intake.quarantine-max-entries", "0",
                        "verification.intake.quarantineMaxEntries: must be greater than or equal to 1"),
                row("verification.notification.public-base-url", "ftp://example.com",
                        "verification.notification.publicBaseUrl: verification.notification.public-base-url must be an "
                        + "absolute http(s) URL without query or fragment"),
                row("camunda.bpm.job-execution.lock-time-in-millis", "30000",
                        "camunda.bpm.job-execution.lock-time-in-millis: a job may run longer than its lock (CHeKT submission "
                        + "46.0 s, notification on every enabled channel 0.0 s, database waits 20.0 s; channels: log 0.0 s), "
                        + "and a job still running when its lock expires can be run a second time by another node. Raise the "
                        + "lock time above 66000 ms, or shorten the timeouts (chekt.connect-timeout, chekt.read-timeout, "
                        + "verification.notification.*-timeout, spring.mail.properties[mail.smtp.*timeout], "
                        + "spring.datasource.hikari.connection-timeout, the database's lock timeout)"),
                row("chekt.read-timeout", "25s",
                        "camunda.bpm.job-execution.lock-time-in-millis: a job may run longer than its lock (CHeKT submission "
                        + "166.0 s, notification on every enabled channel 0.0 s, database waits 20.0 s; channels: log 0.0 s), "
                        + "and a job still running when its lock expires can be run a second time by another node. Raise the "
                        + "lock time above 186000 ms, or shorten the timeouts (chekt.connect-timeout, chekt.read-timeout, "
                        + "verification.notification.*-timeout, spring.mail.properties[mail.smtp.*timeout], "
                        + "spring.datasource.hikari.connection-timeout, the database's lock timeout)"),
                row("verification.notification.channels", "sms,fax",
                        "verification.notification.channels: unknown channel fax; the channels are sms, email, webhook, log, "
                        + "voice"),
                row("verification.notification.max-attempts", "5",
                        "verification.notification.max-attempts: must be at most 4, the runs the model's notification jobs "
                        + "get (failedJobRetryTimeCycle of \"Notify first contact\" and \"Notify next contact\")"),
                row("verification.supervision.overdue-after", "PT0S",
                        "verification.supervision.overdueAfter: verification.supervision.overdue-after must be at least one "
                        + "minute"),
                row("verification.h2-housekeeping.retention", "2s",
                        "verification.h2-housekeeping.retentionValid: retention must be at least five intervals and at most "
                        + "45 s (H2's default)"),
                row("verification.h2-housekeeping.fill-rate", "100",
                        "verification.h2-housekeeping.fillRate: must be less than or equal to 99"),
                row("verification.inbox.batch-size", "0",
                        "verification.inbox.batchSize: must be greater than or equal to 1"),
                row("verification.inbox.max-poll-interval", "50ms",
                        "verification.inbox.maxPollIntervalValid: verification.inbox.max-poll-interval must be at least "
                        + "poll-interval and at most 60 s"),
                row("chekt.webhook-concurrency", "0",
                        "chekt.webhookConcurrency: must be greater than or equal to 1"),
                row("chekt.webhook-turn-wait", "1m",
                        "chekt.webhookTurnWaitValid: chekt.webhook-turn-wait must be between 0 and 30 s"),
                row("verification.webapps.hide-end-of-life-banner", "yes please",
                        "verification.webapps.hide-end-of-life-banner: failed to convert java.lang.String to "
                        + "@org.springframework.boot.context.properties.bind.DefaultValue boolean (caused by "
                        + "java.lang.IllegalArgumentException: Invalid boolean value 'yes please')"));
    }

    private static Arguments row(String property, String value, String reported) {
        return Arguments.of(property, value, reported);
    }

    @ParameterizedTest(name = "{0} = ''{1}'' is reported as: {2}")
    @MethodSource("badSettings")
    void aBadSettingStopsStartUpNamingTheProperty(String property, String value, String report, CapturedOutput output) {
        Map<String, Object> settings = StandaloneService.settings(dataDir);
        settings.put(property, value);

        assertThatThrownBy(() -> StandaloneService.start(settings).close()).isInstanceOf(Exception.class);

        assertThat(reportedProblem(output.getAll())).isEqualTo(report);
    }

    /**
     * The problem Spring Boot's failure report states, as one line: for a setting refused by validation each
     * "{property}: {reason}" it lists, otherwise the report's description with its white space collapsed. Every
     * row's expected message goes through here, so a reworded message is updated in the table alone.
     */
    static String reportedProblem(String log) {
        int report = log.lastIndexOf("APPLICATION FAILED TO START");
        assertThat(report).as("Spring Boot's failure report in the log").isNotNegative();
        String rest = log.substring(report);
        int from = rest.indexOf("Description:");
        int to = rest.indexOf("Action:", from);
        assertThat(from).as("the report's description").isNotNegative();
        String description = rest.substring(from + "Description:".length(), to < 0 ? rest.length() : to).strip();
        List<String> refused = new ArrayList<>();
        String property = null;
        for (String line : description.lines().map(String::strip).toList()) {
            if (line.startsWith("Property: ")) {
                property = line.substring("Property: ".length());
            } else if (line.startsWith("Reason: ")) {
                refused.add((property == null ? "" : property + ": ") + line.substring("Reason: ".length()));
                property = null;
            }
        }
        if (!refused.isEmpty()) {
            return String.join("; ", refused);
        }
        String oneLine = description.replaceAll("\\s+", " ");
        Matcher invalidValue = INVALID_VALUE.matcher(oneLine);
        return invalidValue.matches() ? invalidValue.group(1) + ": " + invalidValue.group(2) : oneLine;
    }

    /** Spring Boot's report of an InvalidConfigurationPropertyValueException, with where else the property is set. */
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value '.*?' for configuration property '([^']+)' "
            + "\\(originating from .*?\\)\\. Validation failed for the following reason: (.*?)(?: Additionally, this "
            + "property is also set .*)?");

    @Test
    void anH2FileUrlWithoutWriteDelayZeroStopsStartUpNamingTheUrl(CapturedOutput output) {
        Map<String, Object> settings = StandaloneService.settings(dataDir);
        // An operator moving the database, and leaving out the setting that makes each commit reach the file.
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("moved") + ";CACHE_SIZE=65536");

        assertThatThrownBy(() -> StandaloneService.start(settings).close()).isInstanceOf(Exception.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("configuration property 'spring.datasource.url'")
                .contains("WRITE_DELAY=0")
                .contains("verification.durability.allow-deferred-commits");
    }
}
