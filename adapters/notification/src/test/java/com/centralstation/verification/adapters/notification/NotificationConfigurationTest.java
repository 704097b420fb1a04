package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.testing.InMemoryPhoneCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class NotificationConfigurationTest {

    private static final String BASE_URL = "verification.notification.public-base-url=" + NotificationFixture.PUBLIC_BASE_URL;

    private final NotificationFixture fixture = new NotificationFixture();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(NotificationConfiguration.class)
            .withBean(NotificationLog.class, () -> fixture.log)
            .withBean(PhoneCalls.class, InMemoryPhoneCalls::new);

    @Test
    void theLogChannelAloneNeedsNoOtherSettingAndTheDefaultsAreTheDocumentedOnes() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ContactNotifier.class);
            NotificationProperties properties = context.getBean(NotificationProperties.class);
            assertThat(properties.linkValidity()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.maxAttempts()).isEqualTo(3);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(context).as("a disabled channel's settings are not even bound").doesNotHaveBean(SmsProperties.class);
        });
    }

    @Test
    void theSmsGatewayDefaultsToTwilio() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=sms",
                        "verification.notification.sms.account-sid=AC1", "verification.notification.sms.auth-token=t",
                        "verification.notification.sms.from=+15550009999")
                .run(context -> assertThat(context.getBean(SmsProperties.class).baseUrl())
                        .isEqualTo(URI.create("https://api.twilio.com")));
    }

    @Test
    void eachEnabledChannelSaysHowLongItCanTakeAndANotificationMayTakeThemAll() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.getJavaMailProperties().putAll(Map.of("mail.smtp.connectiontimeout", "3000", "mail.smtp.timeout", "3000",
                "mail.smtp.writetimeout", "2000"));
        allChannels().withBean(JavaMailSender.class, () -> sender).run(context -> {
            EnabledChannels channels = context.getBean(EnabledChannels.class);

            assertThat(channels.names()).containsExactly("webhook", "email", "sms", "log", "voice");
            // webhook, sms and placing a call: connect 2 s + read 5 s each; e-mail: connect 3 s + 10 exchanges of 3 s;
            // log: nothing
            assertThat(channels.longestNotification()).contains(Duration.ofSeconds(7 + 33 + 7 + 7));
            assertThat(channels.explain()).isEqualTo("webhook 7.0 s, email 33.0 s, sms 7.0 s, log 0.0 s, voice 7.0 s");
        });
    }

    @Test
    void aMailServerWithoutTimeoutsMakesTheNotificationUnbounded() {
        allChannels().withBean(JavaMailSender.class, JavaMailSenderImpl::new).run(context ->
                assertThat(context.getBean(EnabledChannels.class).longestNotification()).isEmpty());
    }

    @Test
    void theLogChannelWritesTheContactsNameAndLinkButNotTheirAddresses(CapturedOutput output) {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log").run(context -> {
            context.getBean(ContactNotifier.class).notify(fixture.notificationFor(ANN));

            String line = output.getOut().lines().filter(l -> l.contains("Response link for")).findFirst().orElseThrow();
            assertThat(line).contains("Ann Lee");
            assertThat(fixture.contactOfLinkIn(line)).contains(ANN.contactId());
            assertThat(output.getAll()).doesNotContain(ANN.phoneNumber()).doesNotContain(ANN.email());
            assertThat(fixture.log.all()).extracting(NotificationAttempt::channel, NotificationAttempt::delivered)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("log", true));
        });
    }

    @Test
    void theLogChannelRecordsAnAddressOfItsOwnForEachContact() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log").run(context -> {
            context.getBean(ContactNotifier.class).notify(fixture.notificationFor(ANN));
            context.getBean(ContactNotifier.class).notify(fixture.notificationFor(BEN));

            assertThat(fixture.log.all()).extracting(NotificationAttempt::address).doesNotHaveDuplicates().hasSize(2)
                    .noneMatch(address -> address.contains(ANN.phoneNumber()) || address.contains(BEN.phoneNumber()));
        });
    }

    @Test
    void aMissingPublicBaseUrlStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("verification.notification.channels=log")
                .run(context -> assertThat(failure(context)).contains("verification.notification.public-base-url is required"));
    }

    @Test
    void aPublicBaseUrlThatIsNoUrlStopsStartUpNamingTheProperty() {
        runner.withPropertyValues("verification.notification.public-base-url=verify.station.example",
                        "verification.notification.channels=log")
                .run(context -> assertThat(failure(context)).contains("verification.notification.public-base-url must be an absolute"));
    }

    @Test
    void noChannelAtAllStopsStartUpNamingTheProperty() {
        runner.withPropertyValues(BASE_URL)
                .run(context -> assertThat(failure(context))
                        .contains("verification.notification.channels must name at least one channel of sms, email, webhook, log, voice"));
    }

    @Test
    void anUnknownChannelStopsStartUpNamingThePropertyAndTheKnownChannelsBeforeAnyChannelsSettings() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=sms,fax")
                .run(context -> assertThat(failure(context)).contains("verification.notification.channels")
                        .contains("names an unknown channel fax; the channels are sms, email, webhook, log, voice")
                        .doesNotContain("sms.from is required"));
    }

    @Test
    void channelNamesAreReadWhateverTheirCaseAndEachChannelOnce() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels= Log,LOG ,log")
                .run(context -> assertThat(context.getBean(EnabledChannels.class).names()).containsExactly("log"));
    }

    @Test
    void anEnabledSmsChannelWithoutItsSettingsStopsStartUpNamingEachMissingProperty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=sms,log",
                        "verification.notification.sms.account-sid=AC1")
                .run(context -> assertThat(failure(context))
                        .contains("verification.notification.sms.auth-token is required when channel sms is enabled")
                        .contains("verification.notification.sms.from is required")
                        .doesNotContain("verification.notification.sms.account-sid is required"));
    }

    @Test
    void theVoiceChannelDefaultsToTwilioThirtySecondsOfRingingAndUsEnglish() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=voice",
                        "verification.notification.voice.account-sid=AC2", "verification.notification.voice.auth-token=v",
                        "verification.notification.voice.from=+15550009998")
                .run(context -> {
                    VoiceProperties voice = context.getBean(VoiceProperties.class);
                    assertThat(voice.baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
                    assertThat(voice.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(voice.language()).isEqualTo("en-US");
                    assertThat(voice.callerName()).isEqualTo("your alarm monitoring station");
                    assertThat(context.getBean(EnabledChannels.class).names()).containsExactly("voice");
                });
    }

    @Test
    void anEnabledVoiceChannelWithoutItsSettingsOrWithBadOnesStopsStartUpNamingEachProperty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=voice,log",
                        "verification.notification.voice.base-url=ftp://voice.example", "verification.notification.voice.ring-timeout=2s",
                        "verification.notification.voice.language=English (US)")
                .run(context -> assertThat(failure(context))
                        .contains("verification.notification.voice.account-sid is required when channel voice is enabled")
                        .contains("verification.notification.voice.auth-token is required when channel voice is enabled")
                        .contains("verification.notification.voice.from is required when channel voice is enabled")
                        .contains("verification.notification.voice.base-url must be an absolute http(s) URL")
                        .contains("verification.notification.voice.ring-timeout must be at least 5 s")
                        .contains("verification.notification.voice.language must be a language tag such as en-US"));
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log", "verification.notification.voice.from=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VoiceProperties.class));
    }

    @Test
    void anEnabledWebhookWithoutSecretOrWithANonHttpUrlStopsStartUpNamingTheProperties() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=webhook",
                        "verification.notification.webhook.url=ftp://station.example/hook")
                .run(context -> assertThat(failure(context))
                        .contains("verification.notification.webhook.secret is required")
                        .contains("verification.notification.webhook.url must be an absolute http(s) URL"));
    }

    @Test
    void anEnabledEmailChannelNeedsASenderAddressAndAMailServer() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=email")
                .run(context -> assertThat(failure(context)).contains("verification.notification.email.from is required"));
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=email",
                        "verification.notification.email.from=alarms@station.example")
                .run(context -> assertThat(failure(context)).contains("spring.mail.host"));
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=email",
                        "verification.notification.email.from=alarms@station.example")
                .withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ContactNotifier.class));
    }

    @Test
    void aSenderThatIsNoEmailAddressStopsStartUpNamingTheProperty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=email",
                        "verification.notification.email.from=alarms at station")
                .withBean(JavaMailSender.class, JavaMailSenderImpl::new)
                .run(context -> assertThat(failure(context)).contains("verification.notification.email.from must be an e-mail address"));
    }

    @Test
    void maxAttemptsBelowOneStopsStartUpNamingTheProperty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log", "verification.notification.max-attempts=0")
                .run(context -> assertThat(failure(context)).contains("verification.notification.max-attempts must be at least 1"));
    }

    @Test
    void aTimeoutNearTheJobLockTimeStopsStartUpNamingTheProperty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log", "verification.notification.read-timeout=5m")
                .run(context -> assertThat(failure(context)).contains("verification.notification.read-timeout must be at most 20 s"));
    }

    @Test
    void settingsOfDisabledChannelsMayStayEmpty() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=log", "verification.notification.sms.from=")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void secretsAreMaskedWhenThePropertiesArePrinted() {
        runner.withPropertyValues(BASE_URL, "verification.notification.channels=sms,webhook",
                        "verification.notification.sms.account-sid=AC1", "verification.notification.sms.auth-token=sms-token-value",
                        "verification.notification.sms.from=+15550009999",
                        "verification.notification.webhook.url=https://station.example/hook",
                        "verification.notification.webhook.secret=webhook-secret-value",
                        "verification.notification.channels=sms,webhook,voice", "verification.notification.voice.account-sid=AC2",
                        "verification.notification.voice.auth-token=voice-token-value", "verification.notification.voice.from=+1555")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    String printed = context.getBean(SmsProperties.class) + " " + context.getBean(SignedWebhookProperties.class)
                            + " " + context.getBean(VoiceProperties.class);
                    assertThat(printed).doesNotContain("sms-token-value", "webhook-secret-value", "voice-token-value")
                            .contains("AC1", "AC2", "******");
                });
    }

    private ApplicationContextRunner allChannels() {
        return runner.withPropertyValues(BASE_URL, "verification.notification.channels=webhook,email,sms,log,voice",
                "verification.notification.voice.account-sid=AC2", "verification.notification.voice.auth-token=v",
                "verification.notification.voice.from=+15550009998",
                "verification.notification.sms.account-sid=AC1", "verification.notification.sms.auth-token=t",
                "verification.notification.sms.from=+15550009999", "verification.notification.email.from=alarms@station.example",
                "verification.notification.webhook.url=https://station.example/hook",
                "verification.notification.webhook.secret=s");
    }

    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
