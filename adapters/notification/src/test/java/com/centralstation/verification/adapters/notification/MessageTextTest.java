package com.centralstation.verification.adapters.notification;

import com.centralstation.verification.core.domain.Alarm;
import com.centralstation.verification.core.domain.SiteRef;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static org.assertj.core.api.Assertions.assertThat;

class MessageTextTest {

    private static final URI LINK = URI.create("https://verify.station.example/respond/" + "x".repeat(43));
    private static final Instant TIME = Instant.parse("2026-05-26T10:21:30Z");

    private final MessageText utc = new MessageText(ZoneId.of("UTC"));

    @Test
    void theSmsOfTheContractExampleFitsTwoSegments() {
        String sms = utc.sms(message(new Alarm("A-1", "motion", "HIGH", "Main Entrance", null, TIME), LINK));

        assertThat(sms).isEqualTo("ALARM HIGH motion at site 12345/1 (Main Entrance), 26 May 10:21 UTC. "
                + "Dispatch or disregard: " + LINK);
        assertThat(sms.length()).isLessThanOrEqualTo(MessageText.SMS_MAX_LENGTH);
    }

    @Test
    void aLongLocationIsShortenedButTheLinkStaysWhole() {
        String sms = utc.sms(message(new Alarm("A-1", "door-forced", "HIGH", "Warehouse 7, loading bay north, door 12 (rear, facing the rail yard)",
                null, TIME), LINK));

        assertThat(sms).contains("(Warehouse 7, loading bay north, door 12.)").endsWith(LINK.toString());
        assertThat(sms.length()).isLessThanOrEqualTo(MessageText.SMS_MAX_LENGTH);
    }

    @Test
    void anOverlongBaseUrlCostsTheSummaryNotTheLink() {
        URI longLink = URI.create("https://" + "a".repeat(150) + ".example/respond/" + "x".repeat(43));

        String sms = utc.sms(message(new Alarm("A-1", "motion", "HIGH", "Main Entrance", null, TIME), longLink));

        assertThat(sms).startsWith("ALARM HIGH motion").endsWith(" " + longLink);
        assertThat(sms.length()).isLessThanOrEqualTo(MessageText.SMS_MAX_LENGTH);
    }

    @Test
    void timesAreShownInTheConfiguredZone() {
        MessageText berlin = new MessageText(ZoneId.of("Europe/Berlin"));

        assertThat(berlin.time(message(new Alarm("A-1", "motion", "LOW", null, null, TIME), LINK))).isEqualTo("26 May 12:21 CEST");
    }

    @Test
    void theEmailNamesEverythingTheContactNeedsAndMarksAMissingLocation() {
        ContactMessage message = message(new Alarm("A-1", "panic", "HIGH", null, null, TIME), LINK);

        assertThat(utc.emailSubject(message)).isEqualTo("Alarm verification: panic at site 12345/1");
        assertThat(utc.emailBody(message)).contains("Location: -", "Trigger:  panic", "Priority: HIGH", LINK.toString());
    }

    private static ContactMessage message(Alarm alarm, URI link) {
        return new ContactMessage(UUID.randomUUID(), new SiteRef("12345", "1"), alarm, TIME, ANN, 1, link);
    }
}
