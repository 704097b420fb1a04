package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.NotificationAttempt;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotificationOutcome;
import com.centralstation.verification.core.domain.NotificationResult;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import com.centralstation.verification.core.testing.InMemoryPhoneCalls;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VoiceCallChannelTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "voice-auth-token";
    private static final String FROM = "+15550009998";
    private static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final WireMockExtension PROVIDER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final NotificationFixture fixture = new NotificationFixture();
    private final InMemoryPhoneCalls calls = new InMemoryPhoneCalls();

    @Test
    void placesTheCallWithItsScriptItsStatusCallbackTheRingTimeoutAndMachineDetection() {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"" + SID + "\",\"status\":\"queued\"}")));

        NotificationResult result = notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.DELIVERED);
        PhoneCall call = calls.ofVerification(fixture.verificationId()).get(0);
        String callbacks = NotificationFixture.PUBLIC_BASE_URL + "/voice/calls/" + call.callId();
        PROVIDER.verify(1, postRequestedFor(urlPathEqualTo(CALLS))
                .withBasicAuth(new BasicCredentials(ACCOUNT, AUTH_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(ANN.phoneNumber()))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Url", equalTo(callbacks + "/answer"))
                .withFormParam("StatusCallback", equalTo(callbacks + "/status"))
                .withFormParam("Timeout", equalTo("30"))
                .withFormParam("MachineDetection", equalTo("Enable")));
        assertThat(formValues(onlyRequest(), "StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(onlyRequest().getBodyAsString()).as("the callbacks never name the verification")
                .doesNotContain(fixture.verificationId().toString());
        assertThat(call.contactId()).isEqualTo(ANN.contactId());
        assertThat(call.position()).isEqualTo(1);
        assertThat(call.to()).isEqualTo(ANN.phoneNumber());
        assertThat(call.callSid()).contains(SID);
        assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(fixture.log.all()).containsExactly(new NotificationAttempt(fixture.verificationId(), ANN.contactId(),
                "voice", ANN.phoneNumber(), NotificationFixture.NOW, true, SID));
    }

    @Test
    void eachCallHasItsOwnCallbackAddresses() {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"CA1\"}")));
        ChannelContactNotifier notifier = notifier(3, Duration.ofSeconds(5));

        notifier.notify(fixture.notificationFor(ANN));
        notifier.notify(fixture.notificationFor(BEN));

        List<String> urls = PROVIDER.findAll(postRequestedFor(urlPathEqualTo(CALLS))).stream()
                .map(request -> formValues(request, "Url").get(0)).toList();
        assertThat(urls).doesNotHaveDuplicates().hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void aProviderThatRefusesUsIsAChannelDown(int status) {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(status)
                .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"status\":" + status + "}")));

        NotificationResult result = notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.CHANNEL_DOWN);
        assertThat(result.channelsDown()).containsExactly("voice");
        assertThat(result.detail()).contains("voice provider answered HTTP " + status);
    }

    @Test
    void aNumberTheProviderRefusesMakesTheContactUnreachableOnThisChannel() {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

        NotificationResult result = notifier(3, Duration.ofSeconds(5)).notify(fixture.notificationFor(ANN));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
        assertThat(result.detail()).contains("21211");
    }

    @Test
    void aFailingProviderMayPassUntilTheAttemptsAreSpentThenTheChannelIsDown() {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(503)));
        ChannelContactNotifier notifier = notifier(2, Duration.ofSeconds(5));

        NotificationFailedException first = catchThrowableOfType(NotificationFailedException.class,
                () -> notifier.notify(fixture.notificationFor(ANN)));
        NotificationResult second = notifier.notify(fixture.notificationFor(ANN));

        assertThat(first).isNotNull();
        assertThat(second.outcome()).isEqualTo(NotificationOutcome.CHANNEL_DOWN);
        assertThat(second.detail()).contains("2 failed attempts, giving up");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeMayHavePlacedTheCallSoItIsNeverPlacedAgain() {
        PROVIDER.stubFor(post(urlPathEqualTo(CALLS)).willReturn(aResponse().withStatus(201).withFixedDelay(1_500)));

        NotificationResult result = notifier(3, Duration.ofMillis(300)).notify(fixture.notificationFor(ANN));

        assertThat(result.delivery()).isEqualTo(NotificationDelivery.UNCONFIRMED);
        assertThat(result.detail()).isEqualTo("voice");
        assertThat(result.unconfirmedBecause()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("voice provider did not answer"));
        assertThat(calls.ofVerification(fixture.verificationId())).as("kept before the provider was asked").hasSize(1);
        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).hasSize(1);
    }

    @Test
    void aContactWithoutAPhoneNumberIsUnreachableAtOnceWithTheReason() {
        Contact noPhone = new Contact(5, "Dee", "Ray", null, "dee@example.com");
        NotificationFixture withDee = new NotificationFixture(noPhone);

        NotificationResult result = withDee.notifier(3, voice(Duration.ofSeconds(5))).notify(withDee.notificationFor(noPhone));

        assertThat(result.outcome()).isEqualTo(NotificationOutcome.UNREACHABLE);
        assertThat(result.detail()).isEqualTo("no enabled channel (voice) has an address for this contact");
        assertThat(PROVIDER.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).isEmpty();
    }

    @Test
    void theAuthTokenIsNeverShown() {
        VoiceProperties settings = settings();

        assertThat(settings.toString()).doesNotContain(AUTH_TOKEN).contains(ACCOUNT);
    }

    private ChannelContactNotifier notifier(int maxAttempts, Duration readTimeout) {
        return fixture.notifier(maxAttempts, voice(readTimeout));
    }

    private VoiceCallChannel voice(Duration readTimeout) {
        return new VoiceCallChannel(settings(), new HttpTimeouts(Duration.ofSeconds(2), readTimeout), calls,
                NotificationFixture.PUBLIC_BASE_URL, fixture.clock);
    }

    private static VoiceProperties settings() {
        return new VoiceProperties(URI.create(PROVIDER.baseUrl()), ACCOUNT, AUTH_TOKEN, FROM, Duration.ofSeconds(30),
                "en-US", "the alarm monitoring station");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = PROVIDER.findAll(postRequestedFor(urlPathEqualTo(CALLS)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static List<String> formValues(LoggedRequest request, String name) {
        List<String> values = new ArrayList<>();
        Stream.of(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .filter(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals(name))
                .forEach(pair -> values.add(URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
        return values;
    }
}
