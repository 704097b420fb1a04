package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.URI;
import java.util.List;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which channel each contact gets, with the real channels wired by the configuration. */
class ChannelChoiceTest {

    private static final Contact EMAIL_ONLY = new Contact(67893, "Dee", "Ray", null, "dee@example.com");
    private static final Contact NO_ADDRESS = new Contact(67894, "Eli", "Moss", null, null);

    @RegisterExtension
    static final WireMockExtension SMS_GATEWAY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final GreenMailExtension MAIL_SERVER = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final NotificationFixture fixture = new NotificationFixture(EMAIL_ONLY, NO_ADDRESS);

    @Test
    void smsFirstThenEmail() {
        run("sms,email", notifier -> {
            notifier.notify(fixture.notificationFor(ANN));
            notifier.notify(fixture.notificationFor(EMAIL_ONLY));

            SMS_GATEWAY.verify(1, postRequestedFor(urlPathMatching(".*/Messages.json")).withFormParam("To", equalTo(ANN.phoneNumber())));
            assertThat(recipientsOfReceivedMail()).containsExactly(EMAIL_ONLY.email());
            assertThat(fixture.log.all()).extracting(NotificationAttempt::contactId, NotificationAttempt::channel)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ANN.contactId(), "sms"),
                            org.assertj.core.groups.Tuple.tuple(EMAIL_ONLY.contactId(), "email"));
        });
    }

    @Test
    void emailFirstThenSms() {
        run("email,sms", notifier -> {
            notifier.notify(fixture.notificationFor(ANN));
            notifier.notify(fixture.notificationFor(CHO));

            assertThat(recipientsOfReceivedMail()).containsExactly(ANN.email());
            SMS_GATEWAY.verify(1, postRequestedFor(urlPathMatching(".*/Messages.json")).withFormParam("To", equalTo(CHO.phoneNumber())));
        });
    }

    @Test
    void aContactNoEnabledChannelCanReachIsUnreachableForGoodAndThatIsRecorded() {
        run("sms,email", notifier -> {
            NotificationResult result = notifier.notify(fixture.notificationFor(NO_ADDRESS));

            assertThat(result.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
            assertThat(result.detail()).contains("no enabled channel (sms, email)");
            SMS_GATEWAY.verify(0, postRequestedFor(urlPathMatching(".*")));
            assertThat(MAIL_SERVER.getReceivedMessages()).isEmpty();
            assertThat(fixture.log.all()).singleElement().satisfies(attempt -> {
                assertThat(attempt.channel()).isEqualTo("none");
                assertThat(attempt.delivered()).isFalse();
            });
        });
    }

    @Test
    void aNumberTheGatewayRefusesFallsBackToEmail() {
        run("sms,email", notifier -> {
            SMS_GATEWAY.stubFor(post(urlPathMatching(".*/Messages.json")).atPriority(1).willReturn(aResponse().withStatus(400)
                    .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\"}")));

            NotificationResult result = notifier.notify(fixture.notificationFor(ANN));

            assertThat(result.outcome()).isEqualTo(NotificationOutcome.DELIVERED);
            assertThat(result.detail()).isEqualTo("email");
            assertThat(result.channelsDown()).isEmpty();
            assertThat(recipientsOfReceivedMail()).containsExactly(ANN.email());
            assertThat(fixture.log.all()).extracting(NotificationAttempt::channel, NotificationAttempt::delivered)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("sms", false), org.assertj.core.groups.Tuple.tuple("email", true));
        });
    }

    @Test
    void aGatewayRefusingOurCredentialsIsDownAtOnceAndEmailStillDelivers() {
        run("sms,email", notifier -> {
            SMS_GATEWAY.stubFor(post(urlPathMatching(".*/Messages.json")).atPriority(1).willReturn(aResponse().withStatus(401)
                    .withBody("{\"code\":20003,\"message\":\"Authenticate\"}")));

            NotificationResult ann = notifier.notify(fixture.notificationFor(ANN));
            NotificationResult cho = notifier.notify(fixture.notificationFor(CHO));

            assertThat(ann.outcome()).isEqualTo(NotificationOutcome.DELIVERED);
            assertThat(ann.channelsDown()).containsExactly("sms");
            assertThat(cho.outcome()).as("Cho has a phone number only").isEqualTo(NotificationOutcome.CHANNEL_DOWN);
            assertThat(cho.channelsDown()).containsExactly("sms");
            assertThat(cho.detail()).contains("HTTP 401");
            SMS_GATEWAY.verify(2, postRequestedFor(urlPathMatching(".*/Messages.json")));
        });
    }

    @Test
    void theLogChannelCatchesWhoeverTheChannelsBeforeItCannotReach() {
        run("sms,log", notifier -> {
            notifier.notify(fixture.notificationFor(EMAIL_ONLY));

            assertThat(MAIL_SERVER.getReceivedMessages()).isEmpty();
            assertThat(fixture.log.all()).extracting(NotificationAttempt::channel).containsExactly("log");
        });
    }

    @Test
    void aSentLinksBeanIsToldOfEachDeliveredLinkAndOfNoFailedChannel() {
        List<SentLinks.SentLink> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        SMS_GATEWAY.stubFor(post(urlPathMatching(".*/Messages.json")).atPriority(1).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":20003,\"message\":\"Authenticate\"}")));
        context("sms,email").withBean(SentLinks.class, () -> told::add).run(context -> {
            NotificationResult ann = context.getBean(ContactNotifier.class).notify(fixture.notificationFor(ANN));

            assertThat(ann.outcome()).isEqualTo(NotificationOutcome.DELIVERED);
            String mailed = ((String) MAIL_SERVER.getReceivedMessages()[0].getContent()).strip();
            assertThat(told).singleElement().satisfies(link -> {
                assertThat(link.channel()).isEqualTo("email");
                assertThat(link.contactId()).isEqualTo(ANN.contactId());
                assertThat(link.contactName()).isEqualTo(ANN.displayName());
                assertThat(link.responseLink().toString())
                        .startsWith(NotificationFixture.PUBLIC_BASE_URL + "/respond/")
                        .endsWith(NotificationFixture.tokenIn(mailed));
            });
        });
    }

    @Test
    void withoutASentLinksBeanNothingIsToldAndTheContactIsStillReached() {
        run("email", notifier -> assertThat(notifier.notify(fixture.notificationFor(ANN)).outcome())
                .isEqualTo(NotificationOutcome.DELIVERED));
    }

    private void run(String channels, ThrowingConsumer notifierTest) {
        context(channels).run(context -> notifierTest.accept(context.getBean(ContactNotifier.class)));
    }

    private ApplicationContextRunner context(String channels) {
        SMS_GATEWAY.stubFor(post(urlPathMatching(".*/Messages.json")).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
        return new ApplicationContextRunner()
                .withUserConfiguration(NotificationConfiguration.class)
                .withBean(NotificationLog.class, () -> fixture.log)
                .withBean(JavaMailSender.class, () -> {
                    JavaMailSenderImpl sender = new JavaMailSenderImpl();
                    sender.setHost("127.0.0.1");
                    sender.setPort(MAIL_SERVER.getSmtp().getPort());
                    return sender;
                })
                .withPropertyValues(
                        "verification.notification.public-base-url=" + NotificationFixture.PUBLIC_BASE_URL,
                        "verification.notification.channels=" + channels,
                        "verification.notification.sms.base-url=" + SMS_GATEWAY.baseUrl(),
                        "verification.notification.sms.account-sid=AC1",
                        "verification.notification.sms.auth-token=token",
                        "verification.notification.sms.from=+15550009999",
                        "verification.notification.email.from=alarms@station.example");
    }

    private static List<String> recipientsOfReceivedMail() throws Exception {
        List<String> recipients = new java.util.ArrayList<>();
        for (var mail : MAIL_SERVER.getReceivedMessages()) {
            for (var address : mail.getRecipients(Message.RecipientType.TO)) {
                recipients.add(address.toString());
            }
        }
        return recipients;
    }

    @FunctionalInterface
    private interface ThrowingConsumer {
        void accept(ContactNotifier notifier) throws Exception;
    }
}
