package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class SmsGatewayChannelTest {

    private static final String ACCOUNT = "AC0123456789abcdef";
    private static final String AUTH_TOKEN = "gateway-auth-token";
    private static final String FROM = "+15550009999";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    @RegisterExtension
    static final WireMockExtension GATEWAY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final NotificationFixture fixture = new NotificationFixture();

    @Test
    void postsTheMessageFormEncodedWithTheAccountCredentialsAndKeepsTheGatewaysMessageId() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM9f1c\",\"status\":\"queued\",\"to\":\"" + ANN.phoneNumber() + "\"}")));

        notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        GATEWAY.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT, AUTH_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(ANN.phoneNumber()))
                .withFormParam("From", equalTo(FROM)));
        String body = form(onlyRequest()).get("Body");
        assertThat(body)
                .startsWith("ALARM HIGH motion at site 12345/1 (Main Entrance), 26 May 10:21 UTC.")
                .contains("https://verify.station.example/respond/");
        assertThat(body.length()).isLessThanOrEqualTo(MessageText.SMS_MAX_LENGTH);
        assertThat(fixture.contactOfLinkIn(body)).contains(ANN.contactId());
        assertThat(fixture.log.all()).containsExactly(new NotificationAttempt(fixture.verificationId(), ANN.contactId(),
                "sms", ANN.phoneNumber(), NotificationFixture.NOW, true, "SM9f1c"));
    }

    @Test
    void tellsTheContactNothingAboutTheOtherContacts() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));

        notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(BEN));

        String request = NotificationFixture.withoutLinks(URLDecoder.decode(onlyRequest().getBodyAsString(), StandardCharsets.UTF_8));
        Stream.of(ANN, CHO).flatMap(other -> Stream.of(other.firstName(), other.lastName(), other.phoneNumber(),
                        String.valueOf(other.contactId())))
                .forEach(detail -> assertThat(request).doesNotContain(detail));
        assertThat(request).doesNotContain(BEN.email());
    }

    @Test
    void aNumberTheGatewayRefusesIsPermanentAtOnce() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

        NotificationResult result = notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
        assertThat(result.detail()).contains("HTTP 400").contains("21211");
        assertThat(fixture.log.all()).singleElement().satisfies(attempt -> {
            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.channel()).isEqualTo("sms");
            assertThat(attempt.address()).isEqualTo(ANN.phoneNumber());
            assertThat(attempt.detail()).contains("21211");
        });
    }

    @Test
    void aFailingGatewayIsRetriedByTheEngineUntilMaxAttemptsThenTheChannelCountsAsDown() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500).withBody("upstream down")));
        ChannelContactNotifier notifier = notifier(3, Duration.ofSeconds(5));

        List<NotificationFailedException> retried = Stream.of(1, 2).map(attempt -> catchThrowableOfType(
                NotificationFailedException.class, () -> notifier.notify(fixture.notificationFor(ANN)))).toList();
        NotificationResult third = notifier.notify(fixture.notificationFor(ANN));

        assertThat(retried).doesNotContainNull();
        assertThat(third.outcome()).isEqualTo(NotificationOutcome.CHANNEL_DOWN);
        assertThat(third.channelsDown()).containsExactly("sms");
        assertThat(third.detail()).contains("3 failed attempts, giving up");
        GATEWAY.verify(3, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(fixture.log.attempts(fixture.verificationId()))
                .hasSize(3)
                .allSatisfy(attempt -> {
                    assertThat(attempt.delivered()).isFalse();
                    assertThat(attempt.detail()).contains("HTTP 500");
                });
    }

    @Test
    void failedAttemptsAreCountedPerContact() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
        ChannelContactNotifier notifier = notifier(2, Duration.ofSeconds(5));
        catchThrowableOfType(NotificationFailedException.class, () -> notifier.notify(fixture.notificationFor(ANN)));

        NotificationFailedException ben = catchThrowableOfType(NotificationFailedException.class,
                () -> notifier.notify(fixture.notificationFor(BEN)));
        NotificationResult annAgain = notifier.notify(fixture.notificationFor(ANN));

        assertThat(ben).as("Ben's first attempt may still pass: Ann's failure is not his").isNotNull();
        assertThat(annAgain.outcome()).as("Ann's second failed attempt of two").isEqualTo(NotificationOutcome.CHANNEL_DOWN);
        assertThat(annAgain.detail()).contains("2 failed attempts, giving up");
        assertThat(fixture.log.all()).extracting(NotificationAttempt::contactId, NotificationAttempt::channel,
                        NotificationAttempt::address, NotificationAttempt::delivered)
                .containsExactly(tuple(ANN.contactId(), "sms", ANN.phoneNumber(), false),
                        tuple(BEN.contactId(), "sms", BEN.phoneNumber(), false),
                        tuple(ANN.contactId(), "sms", ANN.phoneNumber(), false));
        assertThat(fixture.log.all()).allSatisfy(attempt -> assertThat(attempt.detail()).contains("HTTP 503"));
    }

    @Test
    void rateLimitingIsTransient() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429)));

        NotificationFailedException failure = catchThrowableOfType(NotificationFailedException.class,
                () -> notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN)));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("HTTP 429");
        assertThat(fixture.log.all()).singleElement().satisfies(attempt -> {
            assertThat(attempt.channel()).isEqualTo("sms");
            assertThat(attempt.address()).isEqualTo(ANN.phoneNumber());
            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.detail()).contains("HTTP 429");
        });
    }

    @Test
    void aGatewayThatTookTheRequestAndDoesNotAnswerInTimeMayHaveSentItSoTheDeliveryIsUnconfirmedAndNotRetried() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(1_500)));

        NotificationResult result = notifier(3, Duration.ofMillis(300)).notify(fixture.notificationFor(ANN));

        assertThat(result.outcome()).as("for the policy, the contact may have the link").isEqualTo(NotificationOutcome.DELIVERED);
        assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
        assertThat(result.detail()).isEqualTo("sms");
        assertThat(result.unconfirmedBecause()).hasValueSatisfying(reason ->
                assertThat(reason).contains("SMS gateway did not answer").contains("it may have taken the message"));
        assertThat(fixture.log.all()).singleElement().satisfies(attempt -> {
            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.unconfirmed()).isTrue();
            assertThat(attempt.result()).isEqualTo("unconfirmed");
        });
    }

    @Test
    void aConnectionLostAfterTheRequestLeftIsUnconfirmedToo() {
        GATEWAY.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        NotificationResult result = notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
        assertThat(fixture.log.all()).singleElement().extracting(NotificationAttempt::unconfirmed).isEqualTo(true);
    }

    @Test
    void aGatewayThatCannotBeReachedIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmsProperties settings = new SmsProperties(URI.create("http://127.0.0.1:" + closedPort), ACCOUNT, AUTH_TOKEN, FROM);
        ChannelContactNotifier notifier = fixture.notifier(3, new SmsGatewayChannel(settings,
                new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)), new MessageText(ZoneId.of("UTC"))));

        NotificationFailedException failure = catchThrowableOfType(NotificationFailedException.class,
                () -> notifier.notify(fixture.notificationFor(ANN)));

        assertThat(failure).isNotNull();
        assertThat(fixture.log.all()).singleElement().satisfies(attempt -> {
            assertThat(attempt.channel()).isEqualTo("sms");
            assertThat(attempt.address()).isEqualTo(ANN.phoneNumber());
            assertThat(attempt.delivered()).isFalse();
            assertThat(attempt.detail()).contains("SMS gateway unreachable");
        });
    }

    @Test
    void aContactWithoutPhoneNumberIsNotForThisChannel() {
        Contact noPhone = new Contact(5, "Dee", "Ray", null, "dee@example.com");

        assertThat(sms(Duration.ofSeconds(5)).addressOf(noPhone)).isEmpty();
        assertThat(sms(Duration.ofSeconds(5)).addressOf(ANN)).contains(ANN.phoneNumber());
    }

    private ChannelContactNotifier notifier(int maxAttempts, Duration readTimeout) {
        return fixture.notifier(maxAttempts, sms(readTimeout));
    }

    private SmsGatewayChannel sms(Duration readTimeout) {
        SmsProperties settings = new SmsProperties(URI.create(GATEWAY.baseUrl()), ACCOUNT, AUTH_TOKEN, FROM);
        return new SmsGatewayChannel(settings, new HttpTimeouts(Duration.ofSeconds(2), readTimeout),
                new MessageText(ZoneId.of("UTC")));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = GATEWAY.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Stream.of(request.getBodyAsString().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
