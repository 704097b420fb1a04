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
import java.util.HashMap;
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
                        "1 setting is missing or invalid: camunda.bpm.admin-user.password "
                        + "(CAMUNDA_BPM_ADMIN_USER_PASSWORD): must not be blank"),
                row("verification.api.password", "",
                        "1 setting is missing or invalid: verification.api.password (VERIFICATION_API_PASSWORD): must "
                        + "not be blank"),
                row("verification.escalation.first", "two minutes",
                        "1 setting is missing or invalid: verification.escalation.first "
                        + "(VERIFICATION_ESCALATION_FIRST): cannot be read from 'two minutes' as Duration"),
                row("verification.escalation.third", "PT1M",
                        "1 setting is missing or invalid: verification.escalation (VERIFICATION_ESCALATION): "
                        + "verification.escalation.first, .second and .third must increase strictly (first < second < "
                        + "third)"),
                row("chekt.base-url", "not a url",
                        "1 setting is missing or invalid: chekt.base-url (CHEKT_BASE_URL): must be an absolute http(s) "
                        + "URL"),
                row("chekt.webhook-secret", "",
                        "1 setting is missing or invalid: chekt.webhook-secret (CHEKT_WEBHOOK_SECRET): must not be blank"),
                row("verification.audit.chain-key", "",
                        "1 setting is missing or invalid: verification.audit.chain-key "
                        + "(VERIFICATION_AUDIT_CHAIN_KEY): is required: the audit chain's HMAC key, a secret kept outside "
                        + "the database verification.audit.chain-key (VERIFICATION_AUDIT_CHAIN_KEY): must be at least 32 "
                        + "characters"),
                row("verification.audit.chain-key", "short",
                        "1 setting is missing or invalid: verification.audit.chain-key (VERIFICATION_AUDIT_CHAIN_KEY): "
                        + "must be at least 32 characters"),
                row("verification.metrics.password", "",
                        "1 setting is missing or invalid: verification.metrics.password "
                        + "(VERIFICATION_METRICS_PASSWORD): must not be blank"),
                row("verification.dry-run.max-steps", "10",
                        "1 setting is missing or invalid: verification.dry-run.max-steps "
                        + "(VERIFICATION_DRY_RUN_MAX_STEPS): must be greater than or equal to 1000"),
                row("verification.metrics.username", "station",
                        "verification.metrics.username: verification.metrics.username must differ from "
                        + "verification.api.username: the metrics login reads metrics only"),
                row("verification.storage.low-space-alert", "512KB",
                        "1 setting is missing or invalid: verification.storage (VERIFICATION_STORAGE): low-space-alert "
                        + "must be at least 1MB"),
                row("verification.storage.restart-after", "10s",
                        "1 setting is missing or invalid: verification.storage (VERIFICATION_STORAGE): restart-after "
                        + "must be between 30 s and 1 h"),
                row("verification.engine.heartbeat-interval", "0s",
                        "1 setting is missing or invalid: verification.engine (VERIFICATION_ENGINE): heartbeat-interval "
                        + "must be between 1 s and 30 s"),
                row("verification.intake.tombstone-expiry", "PT0S",
                        "1 setting is missing or invalid: verification.intake.tombstone-expiry "
                        + "(VERIFICATION_INTAKE_TOMBSTONE_EXPIRY): must be a positive duration, was PT0S"),
                row("verification.intake.quarantine-max-entries", "0",
                        "1 setting is missing or invalid: verification.intake.quarantine-max-entries "
                        + "(VERIFICATION_INTAKE_QUARANTINE_MAX_ENTRIES): must be greater than or equal to 1"),
                row("verification.notification.public-base-url", "ftp://example.com",
                        "1 setting is missing or invalid: verification.notification.public-base-url "
                        + "(VERIFICATION_NOTIFICATION_PUBLIC_BASE_URL): must be an absolute http(s) URL without query or "
                        + "fragment"),
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
                        "1 setting is missing or invalid: verification.notification.channels "
                        + "(VERIFICATION_NOTIFICATION_CHANNELS): names an unknown channel fax; the channels are sms, "
                        + "email, webhook, log, voice"),
                row("verification.notification.max-attempts", "5",
                        "verification.notification.max-attempts: must be at most 4, the runs the model's notification jobs "
                        + "get (failedJobRetryTimeCycle of \"Notify first contact\" and \"Notify next contact\")"),
                row("verification.supervision.overdue-after", "PT0S",
                        "1 setting is missing or invalid: verification.supervision.overdue-after "
                        + "(VERIFICATION_SUPERVISION_OVERDUE_AFTER): must be at least one minute"),
                row("verification.h2-housekeeping.retention", "2s",
                        "1 setting is missing or invalid: verification.h2-housekeeping (VERIFICATION_H2_HOUSEKEEPING): "
                        + "retention must be at least five intervals and at most 45 s (H2's default)"),
                row("verification.h2-housekeeping.fill-rate", "100",
                        "1 setting is missing or invalid: verification.h2-housekeeping.fill-rate "
                        + "(VERIFICATION_H2_HOUSEKEEPING_FILL_RATE): must be less than or equal to 99"),
                row("verification.inbox.batch-size", "0",
                        "1 setting is missing or invalid: verification.inbox.batch-size (VERIFICATION_INBOX_BATCH_SIZE): "
                        + "must be greater than or equal to 1"),
                row("verification.inbox.max-poll-interval", "50ms",
                        "1 setting is missing or invalid: verification.inbox.max-poll-interval "
                        + "(VERIFICATION_INBOX_MAX_POLL_INTERVAL): must be at least poll-interval and at most 60 s"),
                row("chekt.webhook-concurrency", "0",
                        "1 setting is missing or invalid: chekt.webhook-concurrency (CHEKT_WEBHOOK_CONCURRENCY): must be "
                        + "greater than or equal to 1"),
                row("chekt.webhook-turn-wait", "1m",
                        "1 setting is missing or invalid: chekt.webhook-turn-wait (CHEKT_WEBHOOK_TURN_WAIT): must be "
                        + "between 0 and 30 s"),
                row("verification.webapps.hide-end-of-life-banner", "yes please",
                        "1 setting is missing or invalid: verification.webapps.hide-end-of-life-banner "
                        + "(VERIFICATION_WEBAPPS_HIDE_END_OF_LIFE_BANNER): cannot be read from 'yes please' as boolean"));
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
    void aProductionStartWithNothingConfiguredNamesEveryMissingSettingOnceBeforeTheDataDirectoryExists(CapturedOutput output) {
        Path data = dataDir.resolve("data");
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", 0);
        settings.put("verification.data-dir", data.toString());
        settings.put("camunda.bpm.webapp.enabled", false);

        assertThatThrownBy(() -> StandaloneService.start(settings).close()).isInstanceOf(Exception.class);

        String report = output.getAll();
        assertThat(report.split("APPLICATION FAILED TO START", -1)).hasSize(2);
        assertThat(report).contains("9 settings are missing or invalid")
                .contains("camunda.bpm.admin-user.password (CAMUNDA_BPM_ADMIN_USER_PASSWORD)")
                .contains("verification.api.password (VERIFICATION_API_PASSWORD)")
                .contains("chekt.client-id (CHEKT_CLIENT_ID)")
                .contains("chekt.client-secret (CHEKT_CLIENT_SECRET)")
                .contains("chekt.webhook-secret (CHEKT_WEBHOOK_SECRET)")
                .contains("verification.notification.public-base-url (VERIFICATION_NOTIFICATION_PUBLIC_BASE_URL)")
                .contains("verification.notification.channels (VERIFICATION_NOTIFICATION_CHANNELS)")
                .contains("verification.audit.chain-key (VERIFICATION_AUDIT_CHAIN_KEY)")
                .contains("verification.metrics.password (VERIFICATION_METRICS_PASSWORD)")
                .doesNotContain("clientId").doesNotContain("publicBaseUrl");
        assertThat(data).doesNotExist();
    }

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
