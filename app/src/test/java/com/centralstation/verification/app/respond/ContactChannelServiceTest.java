package com.centralstation.verification.app.respond;

import com.centralstation.verification.app.AlarmVerificationApplication;
import com.centralstation.verification.app.e2e.ChektStubs;
import com.centralstation.verification.app.testing.ServiceSettings;
import com.centralstation.verification.app.testing.TestAlarm;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assembled service as contacts meet it: notified by SMS through a Twilio-compatible gateway (WireMock), falling
 * back to e-mail (GreenMail), with a response link that points at this very server, and CHeKT played by WireMock. It is the one extra Spring
 * context of the contact-channel tests: ServiceTest's context notifies through the log channel, and Spring
 * applies a superclass's {@code @DynamicPropertySource} after a subclass's, so a subclass could not switch it.
 *
 * <p>The server listens on a port chosen before start-up, because the links in the messages must name it. Metrics
 * are exported (Spring's tests leave them off by default), so tests read them from the Prometheus scrape.
 */
@SpringBootTest(classes = AlarmVerificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
@Import({FailingDecisions.class, LostNotificationJobs.class})
public abstract class ContactChannelServiceTest extends ServiceOverHttp {

    protected static final String STATION_USER = ServiceSettings.STATION_USER;
    protected static final String STATION_PASSWORD = ServiceSettings.STATION_PASSWORD;
    protected static final String SMS_ACCOUNT = "AC00000000000000000000000000000001";
    protected static final String SMS_MESSAGES = "/2010-04-01/Accounts/" + SMS_ACCOUNT + "/Messages.json";

    private static final Pattern LINK = Pattern.compile("(https?://\\S+/respond/[A-Za-z0-9_-]+)");

    protected static final WireMockServer CHEKT = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    protected static final WireMockServer SMS_GATEWAY = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    protected static final GreenMail MAIL_SERVER = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    protected static final int PORT = freePort();

    static {
        CHEKT.start();
        SMS_GATEWAY.start();
        MAIL_SERVER.start();
    }

    @DynamicPropertySource
    static void contactChannelProperties(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("spring.datasource.url", () -> "jdbc:h2:mem:contact-channels;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        ServiceSettings.minimal(CHEKT.baseUrl(), "http://localhost:" + PORT)
                .with("verification.notification.channels", "sms,email").registerIn(properties);
        properties.add("verification.notification.sms.base-url", SMS_GATEWAY::baseUrl);
        properties.add("verification.notification.sms.account-sid", () -> SMS_ACCOUNT);
        properties.add("verification.notification.sms.auth-token", () -> "sms-test-auth-token");
        properties.add("verification.notification.sms.from", () -> "+15550009999");
        properties.add("verification.notification.email.from", () -> "alarms@station.example");
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> MAIL_SERVER.getSmtp().getPort());
    }

    @Override
    protected int port() {
        return PORT;
    }

    @BeforeEach
    void gatewaysAcceptEverything() {
        CHEKT.resetAll();
        ChektStubs.issueTokens(CHEKT, ServiceSettings.TOKEN_PATH);
        ChektStubs.acceptPatches(CHEKT);
        SMS_GATEWAY.resetAll();
        SMS_GATEWAY.stubFor(post(urlPathEqualTo(SMS_MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                .withTransformers("response-template")));
    }

    @AfterEach
    void resetEngineClockAndFaults() {
        ClockUtil.reset();
        FailingDecisions.reset();
        LostNotificationJobs.reset();
    }

    // ---- CHeKT's side

    protected List<LoggedRequest> patchesFor(TestAlarm alarm) {
        return CHEKT.findAll(patchRequestedFor(urlEqualTo(alarm.patchPath())));
    }

    // ---- the contact's phone

    /** Every SMS the gateway received for this number, oldest first. */
    protected List<LoggedRequest> smsTo(TestAlarm.TestContact contact) {
        return SMS_GATEWAY.findAll(postRequestedFor(urlPathEqualTo(SMS_MESSAGES))
                .withRequestBody(containing("To=" + URLEncoder.encode(contact.phone(), StandardCharsets.UTF_8))));
    }

    /**
     * Waits for the contact's SMS and returns the link in it, exactly as the contact would tap it. The gateway has
     * the SMS a moment before the notification's transaction (which stores the link's token) commits, so this
     * also waits until the verification lists the contact as notified.
     */
    protected URI awaitResponseLink(TestAlarm alarm, TestAlarm.TestContact contact) {
        String text = await().atMost(PATIENCE).until(() -> smsTo(contact).stream().reduce((a, b) -> b)
                .map(sms -> formField(sms.getBodyAsString(), "Body")), Optional::isPresent).orElseThrow();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a response link in the SMS: %s", text).isTrue();
        await().atMost(PATIENCE).until(() -> wasNotified(alarm, contact));
        return URI.create(link.group(1));
    }

    protected static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
