package com.centralstation.verification.app.web.voice;

import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;
import com.centralstation.verification.core.usecase.RecordCallProgress;
import com.centralstation.verification.core.usecase.RecordDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
            new RecordDecision(verifications, null, audit, clock, Duration.ofSeconds(30)), audit, clock);
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
