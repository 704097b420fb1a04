package com.centralstation.verification.app.web.voice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryDeliveryInbox;
import com.centralstation.verification.core.testing.InMemoryPhoneCalls;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;
import com.centralstation.verification.core.usecase.RecordCallProgress;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The voice provider's callbacks while the database cannot store anything: 503 with {@code Retry-After} and the
 * cause, as the webhook and decisions answer, never a 500; each refusal is counted into the outage, which logs it.
 */
class VoiceCallbacksDuringAStorageOutageTest {

    private static final String CALL = "c-1";
    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    private final Clock clock = Clock.systemUTC();
    private final StorageOutage outage = new StorageOutage(clock);
    private final PhoneCalls fullDisk = new DiskFullPhoneCalls();
    private final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    // The process is never reached (null): nothing gets past reading the call.
    private final AnswerPhoneCall answerPhoneCall = new AnswerPhoneCall(fullDisk, verifications,
            new RecordDecision(verifications, new InMemoryDeliveryInbox(), null, audit, clock, Duration.ofSeconds(30)),
            audit, clock);
    private final RecordCallProgress recordCallProgress = new RecordCallProgress(fullDisk, verifications, null, audit,
            VerificationMetrics.NONE);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new VoiceCallController(answerPhoneCall,
                    recordCallProgress, new StaticListableBeanFactory().getBeanProvider(CallTwiml.class), outage, clock))
            .setControllerAdvice(new ApiProblems(outage)).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/voice/calls/" + CALL + "/answer", "/voice/calls/" + CALL + "/menu/1",
            "/voice/calls/" + CALL + "/confirm/dispatch/1", "/voice/calls/" + CALL + "/status"})
    void aCallbackThatNeedsTheDatabaseIsAnswered503WithRetryAfter(String path) throws Exception {
        mvc.perform(post(path).param("CallSid", SID).param("Digits", "1").param("CallStatus", "ringing"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Storage unavailable"))
                .andExpect(jsonPath("$.cause").value("disk full"));

        assertThat(outage.current()).hasValueSatisfying(episode -> {
            assertThat(episode.cause()).isEqualTo("disk full");
            assertThat(episode.requestsRefused()).isEqualTo(1);
        });
    }

    @Test
    void aContactWhoseConfirmedKeyCannotBeStoredIsAskedAgainOnTheLineAndTheFailureIsCountedNotLogged() throws Exception {
        // PostgreSQL refusing writes: the call and the verification can be read, the decision cannot be stored.
        Instant alarmAt = TestVerifications.alarm("intrusion").occurredAt();
        Verification verification = new Verification(new ChektReference(TestVerifications.SITE, 1,
                TestVerifications.CONTRACT_VERIFICATION_ID), TestVerifications.alarm("intrusion"),
                new CallList(TestVerifications.CONTACTS), alarmAt, AlarmClass.NORMAL);
        verifications.add(verification);
        verifications.addNotified(verification.id(), new NotifiedContact(TestVerifications.ANN.contactId(), 1, alarmAt,
                NotificationDelivery.DELIVERED));
        InMemoryPhoneCalls calls = new InMemoryPhoneCalls();
        PhoneCall call = PhoneCall.dialling(verification.id(), TestVerifications.ANN.contactId(), 1,
                TestVerifications.ANN.phoneNumber(), alarmAt);
        calls.open(call);
        calls.placed(call.callId(), SID);
        AnswerPhoneCall answering = new AnswerPhoneCall(calls, verifications,
                new RecordDecision(verifications, new InMemoryDeliveryInbox(), new DiskFullProcess(), audit, clock,
                        Duration.ofSeconds(30)), audit, clock);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("callTwiml", new CallTwiml("Northwind Monitoring", "en-GB", ZoneId.of("Europe/London"),
                URI.create("https://verify.station.example")));
        MockMvc voice = MockMvcBuilders.standaloneSetup(new VoiceCallController(answering, recordCallProgress,
                beans.getBeanProvider(CallTwiml.class), outage, clock)).setControllerAdvice(new ApiProblems(outage)).build();
        Logger controllerLog = (Logger) LoggerFactory.getLogger(VoiceCallController.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        controllerLog.addAppender(logged);
        try {
            voice.perform(post("/voice/calls/" + call.callId() + "/confirm/dispatch/1").param("CallSid", SID)
                            .param("Digits", "1"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(
                            "Sorry, your answer could not be recorded just now.")));
        } finally {
            controllerLog.detachAppender(logged);
        }

        assertThat(outage.current()).hasValueSatisfying(episode -> assertThat(episode.requestsRefused()).isEqualTo(1));
        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(verifications.find(verification.id()).orElseThrow().decision()).isEmpty();
    }

    /** The engine's correlation of a decision, failing to write. */
    private static final class DiskFullProcess implements VerificationProcess {

        @Override
        public void start(Verification verification) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Correlation decide(UUID verificationId, ContactDecision decision) {
            throw DiskFullPhoneCalls.diskFull();
        }

        @Override
        public boolean contactUnreachable(UUID verificationId, long contactId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean cancel(UUID verificationId, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    /** PostgreSQL refusing a write because its disk is full (SQLSTATE 53100), as Spring's JDBC support wraps it. */
    private static final class DiskFullPhoneCalls implements PhoneCalls {

        private static RuntimeException diskFull() {
            return new DataAccessResourceFailureException("could not write",
                    new SQLException("ERROR: could not extend file: No space left on device", "53100"));
        }

        @Override
        public void open(PhoneCall call) {
            throw diskFull();
        }

        @Override
        public void placed(String callId, String callSid) {
            throw diskFull();
        }

        @Override
        public Optional<PhoneCall> find(String callId) {
            throw diskFull();
        }

        @Override
        public Optional<Change> change(String callId, UnaryOperator<PhoneCall> change) {
            throw diskFull();
        }

        @Override
        public List<PhoneCall> ofVerification(UUID verificationId) {
            throw diskFull();
        }
    }
}
