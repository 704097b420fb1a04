package com.centralstation.verification.app.web.voice;

import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.CallAddresses;
import com.centralstation.verification.core.domain.CallReport;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.CallStatus;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;
import com.centralstation.verification.core.usecase.RecordCallProgress;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The voice provider's callbacks of a phone call to a contact (Twilio's webhooks; the security chain lets only
 * signed ones through): the call's script when someone picks up, the keys pressed at each question, and the call's
 * progress. Every answer of the first three is TwiML. While the database cannot store anything, a callback that needs
 * it is answered 503 with {@code Retry-After} ({@link ApiProblems}); a contact whose confirmed key could not be
 * recorded is asked on the line to confirm again.
 */
@Hidden // the voice provider's, not part of the station's API
@RestController
public class VoiceCallController {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceCallController.class);
    private static final String CALL_SID = "CallSid";
    private static final String ANSWERED_BY = "AnsweredBy";
    private static final String DIGITS = "Digits";

    private final AnswerPhoneCall answerPhoneCall;
    private final RecordCallProgress recordCallProgress;
    private final ObjectProvider<CallTwiml> twiml;
    private final StorageOutage outage;
    private final Clock clock;

    /**
     * @param twiml the call's words, made from the voice channel's settings, which exist only while the channel is
     *              enabled; without them the security chain lets no callback through to here
     */
    public VoiceCallController(AnswerPhoneCall answerPhoneCall, RecordCallProgress recordCallProgress,
                               ObjectProvider<CallTwiml> twiml, StorageOutage outage, Clock clock) {
        this.answerPhoneCall = answerPhoneCall;
        this.recordCallProgress = recordCallProgress;
        this.twiml = twiml;
        this.outage = outage;
        this.clock = clock;
    }

    @PostMapping(path = CallAddresses.ANSWER, produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<?> answer(@PathVariable String callId, @RequestParam(CALL_SID) String callSid,
                                    @RequestParam(name = ANSWERED_BY, required = false) String answeredBy) {
        return reply(callId, answerPhoneCall.answered(callId, callSid, Optional.ofNullable(answeredBy)));
    }

    @PostMapping(path = CallAddresses.MENU, produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<?> menu(@PathVariable String callId, @PathVariable int prompt, @RequestParam(CALL_SID) String callSid,
                                  @RequestParam(name = DIGITS, required = false) String digits) {
        if (prompt < 1 || prompt > CallScript.PROMPTS) {
            return unknown(callId);
        }
        return reply(callId, answerPhoneCall.pressed(callId, callSid, new CallScript.Menu(prompt), keys(digits)));
    }

    @PostMapping(path = CallAddresses.CONFIRM, produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<?> confirm(@PathVariable String callId, @PathVariable String action, @PathVariable int prompt,
                                     @RequestParam(CALL_SID) String callSid,
                                     @RequestParam(name = DIGITS, required = false) String digits) {
        Optional<VerificationAction> chosen = VerificationAction.fromCode(action);
        if (chosen.isEmpty() || prompt < 1 || prompt > CallScript.PROMPTS) {
            return unknown(callId);
        }
        return reply(callId, answerPhoneCall.pressed(callId, callSid, new CallScript.Confirm(chosen.get(), prompt), keys(digits)));
    }

    @PostMapping(CallAddresses.STATUS)
    public ResponseEntity<?> status(@PathVariable String callId, @RequestParam(CALL_SID) String callSid,
                                    @RequestParam("CallStatus") String callStatus,
                                    @RequestParam(name = "SequenceNumber", required = false) Integer sequence,
                                    @RequestParam(name = ANSWERED_BY, required = false) String answeredBy,
                                    @RequestParam(name = "CallDuration", required = false) Integer duration) {
        Optional<CallStatus> status = CallStatus.fromCode(callStatus);
        if (status.isEmpty()) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "CallStatus",
                    "CallStatus must be one of queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled");
        }
        CallReport report = new CallReport(callSid, status.get(), sequence == null ? OptionalInt.empty() : OptionalInt.of(sequence),
                Optional.ofNullable(answeredBy), duration == null ? OptionalInt.empty() : OptionalInt.of(duration), clock.instant());
        RecordCallProgress.Progress progress = recordCallProgress.record(callId, report);
        if (progress == RecordCallProgress.Progress.UNKNOWN_CALL) {
            return unknown(callId);
        }
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<?> reply(String callId, Optional<AnswerPhoneCall.Reply> reply) {
        if (reply.isEmpty()) {
            return unknown(callId);
        }
        // A storage outage is logged once a minute by the outage, not once per key pressed.
        reply.get().failure().filter(failure -> outage.refusesRequest(failure).isEmpty())
                .ifPresent(failure -> LOG.error("Recording the answer of call {} failed; the contact may confirm again",
                        callId, failure));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml.getObject().render(reply.get()));
    }

    /** Twilio sends no Digits, or an empty value, when the question timed out: that is silence. */
    private static String keys(String digits) {
        return digits == null ? "" : digits.strip();
    }

    private static ResponseEntity<?> unknown(String callId) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "Unknown call", "callId", "no call " + callId);
    }
}
