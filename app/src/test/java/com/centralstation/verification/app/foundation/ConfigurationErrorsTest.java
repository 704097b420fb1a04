package com.centralstation.verification.app.foundation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.util.Map;

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

    @ParameterizedTest(name = "{0} = ''{1}'' is reported as: {2}")
    @CsvSource(delimiter = '|', value = {
            "camunda.bpm.admin-user.password | ''                | camunda.bpm.admin-user.password",
            "verification.api.password       | ''                | verification.api.password",
            "verification.escalation.first   | two minutes       | verification.escalation.first",
            "verification.escalation.third   | PT1M              | verification.escalation.first, .second and .third must increase",
            "chekt.base-url                  | not a url         | chekt.base-url",
            "chekt.webhook-secret            | ''                | chekt.webhook-secret",
            "verification.intake.tombstone-expiry | PT0S         | verification.intake.tombstone-expiry",
            "verification.intake.quarantine-max-entries | 0      | verification.intake.quarantine-max-entries",
            "verification.notification.public-base-url | ftp://example.com | verification.notification.public-base-url",
            "camunda.bpm.job-execution.lock-time-in-millis | 30000       | camunda.bpm.job-execution.lock-time-in-millis",
            "chekt.read-timeout                 | 25s               | camunda.bpm.job-execution.lock-time-in-millis",
            "verification.notification.channels | sms,fax | verification.notification.channels",
            "verification.notification.max-attempts | 5 | verification.notification.max-attempts",
            "verification.supervision.overdue-after | PT0S | verification.supervision.overdue-after",
            "verification.h2-housekeeping.retention | 2s | retention must be at least five intervals",
            "verification.h2-housekeeping.fill-rate | 100 | verification.h2-housekeeping.fill-rate",
            "verification.inbox.batch-size | 0 | verification.inbox.batch-size",
            "verification.inbox.max-poll-interval | 50ms | verification.inbox.max-poll-interval must be at least poll-interval",
            "chekt.webhook-concurrency | 0 | chekt.webhook-concurrency",
            "chekt.webhook-turn-wait | 1m | chekt.webhook-turn-wait must be between 0 and 30 s",
            "verification.webapps.hide-end-of-life-banner | yes please | verification.webapps.hide-end-of-life-banner"
    })
    void aBadSettingStopsStartUpNamingTheProperty(String property, String value, String report, CapturedOutput output) {
        Map<String, Object> settings = StandaloneService.settings(dataDir);
        settings.put(property, value);

        assertThatThrownBy(() -> StandaloneService.start(settings).close()).isInstanceOf(Exception.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(report);
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
