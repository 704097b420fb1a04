package com.centralstation.verification.app.web.voice;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.domain.ChektReference;
import com.centralstation.verification.core.domain.PhoneCall;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The TwiML of a call's steps: well-formed whatever the alarm's text, with the words a voice reads well. */
class CallTwimlTest {

    private static final Instant OCCURRED = Instant.parse("2026-05-26T10:21:30Z");

    private final CallTwiml twiml = new CallTwiml("Northwind Monitoring", "en-GB", ZoneId.of("Europe/London"),
            URI.create("https://verify.station.example"));

    private AnswerPhoneCall.Reply reply(String trigger, String location, CallScript.Turn turn) {
        Verification verification = new Verification(new ChektReference(TestVerifications.SITE, 1,
                TestVerifications.CONTRACT_VERIFICATION_ID), new Alarm("A-1", trigger, "HIGH", location, null, OCCURRED),
                new CallList(TestVerifications.CONTACTS), OCCURRED, AlarmClass.NORMAL);
        VerificationRecord record = new VerificationRecord(verification, VerificationState.OPEN, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
        PhoneCall call = PhoneCall.dialling(verification.id(), TestVerifications.ANN.contactId(), 1,
                TestVerifications.ANN.phoneNumber(), OCCURRED);
        return new AnswerPhoneCall.Reply(record, call, turn, Optional.empty());
    }

    @Test
    void theOpeningSaysWhoCallsTheSiteTheAlarmInTheConfiguredZoneAndAsksTheMenuForOneKeyOrNone() {
        AnswerPhoneCall.Reply reply = reply("intrusion", "Back door", CallScript.opening());

        String xml = twiml.render(reply);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather ")
                .contains("numDigits=\"1\"", "finishOnKey=\"\"", "actionOnEmptyResult=\"true\"", "method=\"POST\"",
                        "action=\"https://verify.station.example/voice/calls/" + reply.call().callId() + "/menu/1\"")
                .contains("<Say language=\"en-GB\">Hello. This is Northwind Monitoring, calling about an alarm at site 1."
                        + " An intrusion alarm went off, at Back door, at 11:21 AM, Tuesday 26 May.</Say>")
                .contains("Press 1 to send emergency services. Press 2 if it is a false alarm. Press 9 to hear this again.")
                .endsWith("</Gather></Response>");
    }

    @Test
    void anAlarmsTextCannotBreakTheXml() {
        String xml = twiml.render(reply("motion", "Loading <bay> & \"yard\"", CallScript.opening()));

        assertThat(xml).contains("A motion alarm went off, at Loading &lt;bay&gt; &amp; \"yard\"");
    }

    @Test
    void theEndOfACallSaysItsWordsAndHangsUpAndAMachineHearsNothing() {
        assertThat(twiml.render(reply("motion", null, new CallScript.End(List.of(CallScript.Cue.NO_KEY_GOODBYE)))))
                .endsWith("<Response><Say language=\"en-GB\">We did not hear an answer, so the station will call the next"
                        + " contact. Goodbye.</Say><Hangup/></Response>");
        assertThat(twiml.render(reply("motion", null, new CallScript.End(List.of()))))
                .endsWith("<Response><Hangup/></Response>");
    }

    @Test
    void theConfirmationReadsTheChoiceBackAndPostsToItsOwnAddress() {
        CallScript.Confirm dispatch = new CallScript.Confirm(VerificationAction.DISPATCH, 2);

        String xml = twiml.render(reply("motion", null, new CallScript.Ask(List.of(CallScript.Cue.NOTHING_HEARD,
                CallScript.Cue.CHOSEN), dispatch)));

        assertThat(xml).contains("/confirm/dispatch/2\"", "We did not hear a key.", "You chose to send emergency services.",
                "Press 1 to confirm that emergency services are sent. Press any other key to choose again.");
    }
}
