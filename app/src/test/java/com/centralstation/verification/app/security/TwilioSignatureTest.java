package com.centralstation.verification.app.security;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The voice contract's two signature vectors: the station's own callback, and Twilio's published example. */
class TwilioSignatureTest {

    private static final String STATION_URL = "https://station.example/voice/calls/8f2c0c8e/answer";
    private static final String STATION_SIGNATURE = "kqbikXTCA4ZIa94GD9Tgo3940c0=";

    private static Map<String, List<String>> stationParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("To", List.of("+15550000001"));
        parameters.put("From", List.of("+15550009998"));
        parameters.put("Direction", List.of("outbound-api"));
        parameters.put("Digits", List.of("1"));
        parameters.put("CallStatus", List.of("in-progress"));
        parameters.put("CallSid", List.of("CA0123456789abcdef0123456789abcdef"));
        parameters.put("ApiVersion", List.of("2010-04-01"));
        parameters.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
        return parameters;
    }

    @Test
    void theStationsCallbackVectorSignsAsTheContractSays() {
        TwilioSignature signature = new TwilioSignature("voice_test_token");

        assertThat(signature.of(STATION_URL, stationParameters())).isEqualTo(STATION_SIGNATURE);
        assertThat(signature.matches(STATION_SIGNATURE, STATION_URL, stationParameters())).isTrue();
    }

    @Test
    void twiliosPublishedVectorWithAQueryInTheUrlSignsAsTwilioSays() {
        Map<String, List<String>> parameters = Map.of("CallSid", List.of("CA1234567890ABCDE"),
                "Caller", List.of("+14158675309"), "Digits", List.of("1234"), "From", List.of("+14158675309"),
                "To", List.of("+18005551212"));

        TwilioSignature signature = new TwilioSignature("12345");

        assertThat(signature.of("https://mycompany.com/myapp.php?foo=1&bar=2", parameters))
                .isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void aChangedParameterUrlOrTokenDoesNotMatch() {
        TwilioSignature signature = new TwilioSignature("voice_test_token");
        Map<String, List<String>> otherDigits = stationParameters();
        otherDigits.put("Digits", List.of("2"));

        assertThat(signature.matches(STATION_SIGNATURE, STATION_URL, otherDigits)).isFalse();
        assertThat(signature.matches(STATION_SIGNATURE, STATION_URL.replace("answer", "status"), stationParameters())).isFalse();
        assertThat(signature.matches(STATION_SIGNATURE, "http://station.example/voice/calls/8f2c0c8e/answer", stationParameters()))
                .as("the scheme is part of the URL").isFalse();
        assertThat(new TwilioSignature("another_token").matches(STATION_SIGNATURE, STATION_URL, stationParameters())).isFalse();
    }

    @Test
    void aMissingOrMalformedSignatureNeverMatches() {
        TwilioSignature signature = new TwilioSignature("voice_test_token");

        assertThat(signature.matches(null, STATION_URL, stationParameters())).isFalse();
        assertThat(signature.matches("", STATION_URL, stationParameters())).isFalse();
        assertThat(signature.matches("not base64 !", STATION_URL, stationParameters())).isFalse();
        assertThat(signature.matches(STATION_SIGNATURE.substring(4), STATION_URL, stationParameters())).isFalse();
    }

    @Test
    void repeatedParametersAreSignedInValueOrder() {
        TwilioSignature signature = new TwilioSignature("voice_test_token");

        assertThat(signature.of(STATION_URL, Map.of("Event", List.of("ringing", "answered"))))
                .isEqualTo(signature.of(STATION_URL, Map.of("Event", List.of("answered", "ringing"))));
    }

    @Test
    void thereIsNoSignatureWithoutAToken() {
        assertThatThrownBy(() -> new TwilioSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
