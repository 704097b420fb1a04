package com.centralstation.verification.app.docs;

import com.centralstation.verification.app.e2e.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every meter docs/api.md lists for {@code /actuator/prometheus} is in the scrape of a service that has done
 * nothing yet: a dashboard or alert rule written from the page finds its series (at zero) from the start, instead
 * of a gap until the first count.
 */
class DocumentedMetersTest extends ServiceTest {

    @Test
    void everyDocumentedMeterIsScrapedBeforeAnythingHappened() throws Exception {
        String row = RepositoryDocs.read("api.md").lines().filter(line -> line.startsWith("| `/actuator/prometheus`"))
                .findFirst().orElseThrow();
        List<String> meters = RepositoryDocs.code(row).stream().skip(1).map(span -> span.replaceAll("\\{.*", ""))
                .filter(name -> name.matches("[a-z]+(_[a-z]+)+")).distinct().toList();
        assertThat(meters).contains("notification_channel_down_total", "chekt_requests_seconds", "verification_overdue");

        HttpResponse<String> scraped = http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scraped.statusCode()).isEqualTo(200);
        List<String> series = scraped.body().lines().filter(line -> !line.startsWith("#")).toList();
        assertThat(meters).allSatisfy(meter -> assertThat(series).as(meter)
                .anySatisfy(line -> assertThat(line).startsWith(meter)));
        assertThat(series).as("an enabled channel's down counter, before any notification")
                .anySatisfy(line -> assertThat(line).startsWith("notification_channel_down_total{").contains("channel=\"log\""));
    }
}
