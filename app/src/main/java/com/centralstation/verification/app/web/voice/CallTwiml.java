package com.centralstation.verification.app.web.voice;

import com.centralstation.verification.core.domain.CallAddresses;
import com.centralstation.verification.core.domain.CallScript;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A call's next step as TwiML, the voice provider's instructions: the words, then either a question
 * ({@code <Gather numDigits="1">}, whose keys, or silence, are posted to the question's own address under the public
 * base URL) or the end of the call ({@code <Hangup/>}).
 */
public final class CallTwiml {

    /** Seconds the provider waits for a key after the question has been read. */
    static final int KEY_TIMEOUT_SECONDS = 8;

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final CallWords words;
    private final String language;
    private final URI publicBaseUrl;

    /**
     * @param callerName who is calling, as the contact hears it
     * @param language the language the words are spoken in ({@code <Say language="...">})
     * @param zone the zone alarm times are spoken in
     * @param publicBaseUrl this service's public address, under which the questions' addresses lie
     */
    public CallTwiml(String callerName, String language, ZoneId zone, URI publicBaseUrl) {
        this.words = new CallWords(callerName, zone);
        this.language = language;
        this.publicBaseUrl = publicBaseUrl;
    }

    String render(AnswerPhoneCall.Reply reply) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Response");
            if (reply.turn() instanceof CallScript.Ask ask) {
                xml.writeStartElement("Gather");
                xml.writeAttribute("input", "dtmf");
                xml.writeAttribute("numDigits", "1");
                // # and * are keys like any other (not an option), not Twilio's default end of input.
                xml.writeAttribute("finishOnKey", "");
                xml.writeAttribute("timeout", String.valueOf(KEY_TIMEOUT_SECONDS));
                xml.writeAttribute("action", address(reply.call().callId(), ask.step()));
                xml.writeAttribute("method", "POST");
                // No key is an answer too: it is posted (with empty Digits) so the script can ask again or end.
                xml.writeAttribute("actionOnEmptyResult", "true");
                say(xml, ask.cues(), reply);
                say(xml, words.question(ask.step()));
                xml.writeEndElement();
            } else if (reply.turn() instanceof CallScript.End end) {
                say(xml, end.cues(), reply);
                xml.writeEmptyElement("Hangup");
            } else {
                throw new IllegalArgumentException("a call goes on with a question or ends, not with " + reply.turn());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("TwiML is written to memory and cannot fail", e);
        }
        return out.toString();
    }

    private void say(XMLStreamWriter xml, List<CallScript.Cue> cues, AnswerPhoneCall.Reply reply) throws XMLStreamException {
        for (CallScript.Cue cue : cues) {
            say(xml, words.cue(cue, reply.turn(), reply.verification()));
        }
    }

    private void say(XMLStreamWriter xml, String text) throws XMLStreamException {
        if (text.isBlank()) {
            return;
        }
        xml.writeStartElement("Say");
        xml.writeAttribute("language", language);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** Where the provider posts the keys pressed at this question. */
    String address(String callId, CallScript.Step step) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(publicBaseUrl);
        if (step instanceof CallScript.Confirm confirm) {
            return url.path(CallAddresses.CONFIRM).buildAndExpand(callId, confirm.action().code(), confirm.prompt())
                    .toUriString();
        }
        return url.path(CallAddresses.MENU).buildAndExpand(callId, step.prompt()).toUriString();
    }
}
