package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.chekt.ChektProperties;
import com.centralstation.verification.adapters.notification.EnabledChannels;
import com.centralstation.verification.adapters.notification.NotificationConfiguration;
import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.testing.InMemoryNotificationLog;
import com.centralstation.verification.core.testing.InMemoryPhoneCalls;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped job lock time lies just above the longest a job can run, computed from the shipped settings as the
 * service binds and validates them, with every notification channel enabled, on each database it ships for.
 */
class JobLockTimeTest {

    /** "Just above": a survivor takes a dead node's jobs over little later than the longest job could have run. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void theShippedLockTimeLiesJustAboveTheLongestJob(String database) throws Exception {
        StandardEnvironment shipped = shipped(database);
        Binder binder = Binder.get(shipped);
        // As the service validates them: Spring makes the constraint validators (some have no public constructor).
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setConstraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()));
        validator.afterPropertiesSet();
        ValidationBindHandler validated = new ValidationBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), validator);
        ChektProperties chekt = binder.bind("chekt", Bindable.of(ChektProperties.class), validated).get();
        Optional<Duration> notification = longestNotification(shipped);
        Duration connectionWait = binder.bind("spring.datasource.hikari.connection-timeout", Duration.class).get();

        JobDurationBound bound = JobDurationBound.of(chekt, notification, connectionWait, lockWait(shipped, database));
        Duration lockTime = Duration.ofMillis(binder.bind(JobLockTime.PROPERTY, Long.class).get());

        Duration longest = bound.longest().orElseThrow();
        System.out.println("[job lock time " + database + "] longest job " + longest.toMillis() / 1000.0 + " s ("
                + bound.explain() + "); lock time " + lockTime.toMillis() / 1000.0 + " s");
        assertThat(lockTime).as("lock time against the longest job (%s)", bound.explain()).isGreaterThan(longest);
        assertThat(lockTime).isLessThanOrEqualTo(longest.plus(MARGIN));
    }

    /** application.yml (and the profile's file over it), the test services' settings, and every channel enabled. */
    private StandardEnvironment shipped(String database) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        List<String> files = database.equals("postgres") ? List.of("application-postgres.yml", "application.yml")
                : List.of("application.yml");
        Map<String, Object> settings = new HashMap<>(
                ServiceSettings.minimal("https://api.chekt.com", "https://verify.example.com").asMap());
        settings.putAll(Map.ofEntries(
                Map.entry("verification.data-dir", dataDir.toString()),
                Map.entry("verification.notification.channels", "sms,email,webhook,log,voice"),
                Map.entry("verification.notification.voice.account-sid", "AC456"),
                Map.entry("verification.notification.voice.auth-token", "voice-token"),
                Map.entry("verification.notification.voice.from", "+15550101"),
                Map.entry("verification.notification.sms.account-sid", "AC123"),
                Map.entry("verification.notification.sms.auth-token", "sms-token"),
                Map.entry("verification.notification.sms.from", "+15550100"),
                Map.entry("verification.notification.email.from", "alarms@example.com"),
                Map.entry("verification.notification.webhook.url", "https://automation.example.com/alarms"),
                Map.entry("verification.notification.webhook.secret", "webhook-secret"),
                Map.entry("spring.mail.host", "smtp.example.com")));
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        for (String file : files) {
            for (PropertySource<?> source : yaml.load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        }
        return environment;
    }

    /**
     * What the enabled channels say a notification can take, with the channels made as the service makes them: the
     * notification adapter's configuration and Spring Boot's mail sender, on the shipped settings.
     */
    private static Optional<Duration> longestNotification(StandardEnvironment shipped) {
        AtomicReference<Optional<Duration>> longest = new AtomicReference<>();
        new ApplicationContextRunner()
                .withInitializer(context -> shipped.getPropertySources().forEach(source ->
                        context.getEnvironment().getPropertySources().addLast(source)))
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(NotificationConfiguration.class)
                .withBean(NotificationLog.class, InMemoryNotificationLog::new)
                .withBean(PhoneCalls.class, InMemoryPhoneCalls::new)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EnabledChannels.class).names()).containsExactly("sms", "email", "webhook", "log", "voice");
                    longest.set(context.getBean(EnabledChannels.class).longestNotification());
                });
        return longest.get();
    }

    /** The lock timeout the database reports for a session opened as the shipped settings open it. */
    private static Optional<Duration> lockWait(StandardEnvironment shipped, String database) throws Exception {
        Properties session = new Properties();
        String url;
        if (database.equals("postgres")) {
            TestPostgres.Database postgres = TestPostgres.freshDatabase();
            url = postgres.jdbcUrl();
            session.setProperty("user", TestPostgres.USER);
            session.setProperty("password", TestPostgres.PASSWORD);
            session.setProperty("options", shipped.getRequiredProperty("spring.datasource.hikari.data-source-properties.options"));
        } else {
            url = shipped.getRequiredProperty("spring.datasource.url");
            session.setProperty("user", "sa");
            session.setProperty("password", "");
        }
        try (Connection connection = DriverManager.getConnection(url, session)) {
            return DatabaseWaits.lockWait(connection);
        }
    }
}
