package com.centralstation.verification.app.foundation;

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
            "verification.notification.public-base-url | ftp://example.com | verification.notification.public-base-url",
            "verification.notification.channels | sms,fax | verification.notification.channels",
            "verification.notification.max-attempts | 5 | verification.notification.max-attempts",
            "verification.supervision.overdue-after | PT0S | verification.supervision.overdue-after"
    })
    void aBadSettingStopsStartUpNamingTheProperty(String property, String value, String report, CapturedOutput output) {
        Map<String, Object> settings = StandaloneService.settings(dataDir);
        settings.put(property, value);

        assertThatThrownBy(() -> StandaloneService.start(settings).close()).isInstanceOf(Exception.class);

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(report);
    }
}
