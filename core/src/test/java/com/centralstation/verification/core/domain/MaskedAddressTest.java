package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Addresses in records that leave the station show enough to tell which was tried, not enough to use it. */
class MaskedAddressTest {

    @Test
    void anAddressKeepsItsLastDigitsItsFirstLetterAndDomainOrItsHost() {
        assertThat(MaskedAddress.of("+1 (555) 010-0001")).isEqualTo("•••001");
        assertThat(MaskedAddress.of("ann.smith@example.com")).isEqualTo("a•••@example.com");
        assertThat(MaskedAddress.of("https://automation.example.com/alarms?token=x")).isEqualTo("automation.example.com/•••");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Twilio 21211: The 'To' number +15550100001 is not a valid phone number | Twilio 21211: The 'To' number •••001 is not a valid phone number",
            "unreachable: +1 (555) 010-0002, then 555.010.0003                       | unreachable: •••002, then •••003",
            "Number 0044 20 7946 0958 is blacklisted                                 | Number •••958 is blacklisted",
            "550 5.1.1 <ann.smith@example.com>: mailbox unavailable                  | 550 5.1.1 <a•••@example.com>: mailbox unavailable",
            "forwarded to Bob.Berg+alarms@mail2.example.co.uk and ann@example.com    | forwarded to B•••@mail2.example.co.uk and a•••@example.com",
    })
    void phoneNumbersAndEmailAddressesInsideFreeTextAreMasked(String text, String masked) {
        assertThat(MaskedAddress.inText(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "HTTP 503 at 2026-05-26 10:21:34, retry after 30 s",
            "at 2026-05-26T10:21:34.123456Z",
            "message SM0123456789abcdef0123456789abcdef queued",
            "trace 550e8400-e29b-41d4-a716-446655440000",
            "connect to 192.168.100.200:25 refused",
            "Twilio error 21610, status 400",
            "contact 67890 chose dispatch"})
    void textWithoutAddressesIsLeftAsItWas(String text) {
        assertThat(MaskedAddress.inText(text)).isEqualTo(text);
    }
}
