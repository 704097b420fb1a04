package com.centralstation.verification.app.browser;

import com.centralstation.verification.app.demo.ChromiumSession;
import com.centralstation.verification.app.respond.ContactChannelServiceTest;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.app.testing.JobExecutorQuiet;
import com.centralstation.verification.app.testing.TestAlarm;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

/**
 * The printable evidence pack in a real headless Chromium, of a verification where three contacts were notified before
 * the third one dispatched: on a laptop's screen (1366 x 768) and as Chromium prints it (DevTools'
 * {@code Page.printToPDF}), with what a reader checks first: nothing squeezed, CHeKT's own status, whom the station
 * tried, and the timeline in the order things happened. Screenshots and the PDF go to {@code target/screenshots/}.
 */
class EvidencePageBrowserTest extends ContactChannelServiceTest {

    static final int LAPTOP_WIDTH = 1366;
    static final int LAPTOP_HEIGHT = 768;
    /** A4's width less the page's side margins (210 mm - 2 x 10 mm), in CSS pixels (96 per inch). */
    static final int A4_CONTENT_WIDTH = (int) Math.floor(190 / 25.4 * 96);
    /** A4 in PDF points (72 per inch): 210 x 297 mm. */
    static final double A4_WIDTH_POINTS = 595.3;
    static final double A4_HEIGHT_POINTS = 841.9;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("evidence-page");

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    /** How many lines each matching element's text takes, by the distinct tops of its line boxes. */
    private static final String LINES = """
            return Array.from(document.querySelectorAll(arguments[0])).map(el => {
              const range = document.createRange();
              range.selectNodeContents(el);
              return new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                .map(r => Math.round(r.top))).size;
            });""";

    @Test
    void threeContactsTriedAndADispatchReadOnALaptopAndPrintOnA4() throws Exception {
        TestAlarm alarm = newAlarm();
        // CHeKT answers 201 here: the page must show what CHeKT said, not what a success usually is
        CHEKT.stubFor(patch(urlEqualTo(alarm.patchPath())).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\": 5151, \"verification_id\": \"{{jsonPath request.body '$.verification_id'}}\", "
                        + "\"contact_id\": {{jsonPath request.body '$.contact_id'}}, "
                        + "\"action\": \"{{jsonPath request.body '$.action'}}\", "
                        + "\"responded_at\": \"{{jsonPath request.body '$.responded_at'}}\"}")
                .withTransformers("response-template")));
        deliver(alarm);
        awaitResponseLink(alarm, alarm.first());
        String instance = await().atMost(PATIENCE).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(alarm.verificationId().toString()).singleResult(), Objects::nonNull).getId();
        // A contact counts as notified before the notification's job commits: moving the clock meanwhile would
        // have its timer race that job (an optimistic-locking loss the frozen clock never retries).
        JobExecutorQuiet.awaitNoDueJobs(management, instance);
        // timers count from the first notification: the second contact at 2:01, the third at 5:01
        advanceClock(Duration.ofMinutes(2).plusSeconds(1));
        awaitResponseLink(alarm, alarm.second());
        JobExecutorQuiet.awaitNoDueJobs(management, instance);
        advanceClock(Duration.ofMinutes(3));
        URI chosLink = awaitResponseLink(alarm, alarm.third());
        JobExecutorQuiet.awaitNoDueJobs(management, instance);
        ChromeDriver browser = (ChromeDriver) chromium.driver();
        laptop(browser);
        browser.get(chosLink.toString());
        browser.findElement(By.id("dispatch")).click();
        awaitHeadline(browser, "Confirm dispatch?");
        browser.findElement(By.id("confirm")).click();
        awaitHeadline(browser, "Dispatch requested");
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("submitted"));

        // the page as the station's browser gets it: its own Accept header, the station's credentials
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("Authorization", BasicAuth.header(STATION_USER, STATION_PASSWORD))));
        try {
            browser.get(local("/api/verifications/" + alarm.verificationId() + "/evidence").toString());
        } finally {
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        }

        assertThat(text(browser, "contacts-tried")).isEqualTo("3");
        // a gateway slow to answer under load makes the e-mail channel try too: the SMS numbers are three in any case
        assertThat(text(browser, "addresses-tried")).matches("[3-6] \\((email [1-3], )?sms 3\\)");
        assertThat(texts(browser, "#chekt td.http-status")).containsExactly("201");
        List<String> events = texts(browser, "#timeline tbody tr td:nth-child(2)");
        assertThat(events).containsSubsequence("decision_received", "alarm_validated", "decision_submitted");
        assertThat(events.indexOf("decision_received")).isLessThan(events.indexOf("alarm_validated"));

        assertReadableAt(browser, "a laptop", LAPTOP_WIDTH);
        Path laptopShot = chromium.screenshot("evidence-pack-laptop");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('chekt').scrollIntoView()");
        chromium.screenshot("evidence-pack-laptop-chekt-and-timeline");

        // as printed: the print styles on a page as wide as A4's printable width
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        // paper has no scroll bar
        browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
        try {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", A4_CONTENT_WIDTH,
                    "height", 1100, "deviceScaleFactor", 1, "mobile", false));
            assertReadableAt(browser, "A4", A4_CONTENT_WIDTH);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('timeline').scrollIntoView()");
            chromium.screenshot("evidence-pack-a4-width-timeline");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
            browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", false));
            laptop(browser);
        }

        byte[] pdf = printToPdf(browser);
        Files.write(laptopShot.resolveSibling("evidence-pack-a4.pdf"), pdf);
        String content = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(content).startsWith("%PDF-");
        assertThat(pageCount(content)).as("pages printed").isPositive();
        assertThat(mediaBoxes(content)).as("page sizes").isNotEmpty().allSatisfy(box -> {
            assertThat(box[0]).as("page width in points").isCloseTo(A4_WIDTH_POINTS, offset(1.0));
            assertThat(box[1]).as("page height in points").isCloseTo(A4_HEIGHT_POINTS, offset(1.0));
        });
    }

    /** No sideways scrolling; every header, timestamp, event and actor on one line. */
    private static void assertReadableAt(ChromeDriver browser, String where, int width) {
        WebElement root = browser.findElement(By.tagName("html"));
        int viewport = Integer.parseInt(root.getDomProperty("clientWidth"));
        // less a vertical scroll bar, where the browser draws one
        assertThat(viewport).as("viewport on %s", where).isBetween(width - 20, width);
        assertThat(Integer.parseInt(root.getDomProperty("scrollWidth"))).as("no sideways scrolling on %s", where)
                .isLessThanOrEqualTo(viewport);
        assertThat(texts(browser, "#timeline thead th")).containsExactly("Time", "Event", "Actor", "Details");
        assertOneLine(browser, where, "table th");
        assertOneLine(browser, where, "td.time");
        assertOneLine(browser, where, "#timeline tbody td:nth-child(2)");
        assertOneLine(browser, where, "#timeline tbody td:nth-child(3)");
    }

    private static void assertOneLine(ChromeDriver browser, String where, String selector) {
        @SuppressWarnings("unchecked")
        List<Long> lines = (List<Long>) ((JavascriptExecutor) browser).executeScript(LINES, selector);
        assertThat(lines).as("%s on %s", selector, where).isNotEmpty().containsOnly(1L);
    }

    /** Chromium's own print, at the page's CSS page size (DevTools {@code Page.printToPDF}). */
    private static byte[] printToPdf(ChromeDriver browser) {
        Map<String, Object> printed = browser.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true,
                "printBackground", true));
        return Base64.getDecoder().decode((String) printed.get("data"));
    }

    /** The pages of a PDF as Chromium writes it (uncompressed page objects): one {@code /Type /Page} each. */
    private static int pageCount(String pdf) {
        return (int) Pattern.compile("/Type\\s*/Page(?!s)").matcher(pdf).results().count();
    }

    /** Each {@code /MediaBox}'s width and height in points. */
    private static List<double[]> mediaBoxes(String pdf) {
        return Pattern.compile("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*]")
                .matcher(pdf).results()
                .map(box -> new double[]{Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1)),
                        Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2))})
                .toList();
    }

    private static void laptop(ChromeDriver browser) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", LAPTOP_WIDTH,
                "height", LAPTOP_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    private static void awaitHeadline(ChromeDriver browser, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("headline"), expected));
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<String> texts(ChromeDriver browser, String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }
}
