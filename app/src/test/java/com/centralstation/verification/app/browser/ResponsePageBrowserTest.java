package com.centralstation.verification.app.browser;

import com.centralstation.verification.app.respond.ContactChannelServiceTest;
import com.centralstation.verification.app.testing.TestAlarm;
import com.centralstation.verification.app.testing.BasicAuth;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The response page in a real headless Chromium at a phone's viewport (390 x 844), from the link in the SMS to
 * the PATCH CHeKT receives. Chromium and its driver are the Debian packages {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them); Selenium is pointed at them explicitly, so Selenium
 * Manager never looks for, let alone downloads, a browser. Without them this test fails: it is never skipped.
 *
 * <p>Screenshots of every page state go to {@code target/screenshots/}.
 */
class ResponsePageBrowserTest extends ContactChannelServiceTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    /** The camera snapshot's host: HTTPS, as the page's CSP demands, with WireMock's self-signed certificate. */
    static final WireMockServer MEDIA = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1"));

    static ChromeDriverService chromedriver;
    static Path profile;
    static WebDriver browser;

    private String testName;

    @BeforeAll
    static void startChromium() throws IOException {
        assertThat(CHROMIUM).as("Chromium (Debian package chromium; .ci/run installs it)").isExecutable();
        assertThat(CHROMEDRIVER).as("ChromeDriver (Debian package chromium-driver; .ci/run installs it)").isExecutable();
        MEDIA.start();
        MEDIA.stubFor(get(urlPathMatching("/snap/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(cameraSnapshot())));
        profile = Files.createTempDirectory("response-page-chromium-");
        chromedriver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT,
                // Only for the fake snapshot host's self-signed certificate; our own pages are plain http here.
                "--ignore-certificate-errors");
        // Desktop Chromium keeps windows at least 500 px wide; the phone's viewport itself comes from Chrome's
        // device emulation (what DevTools' device toolbar does), at a phone's pixel ratio.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "pixelRatio", 2.0, "touch", true, "mobile", true)));
        browser = new ChromeDriver(chromedriver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (chromedriver != null) {
            chromedriver.stop();
        }
        MEDIA.stop();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void freshBrowser(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        MEDIA.resetRequests();
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void closeExtraTabs() {
        List<String> handles = List.copyOf(browser.getWindowHandles());
        for (String handle : handles.subList(1, handles.size())) {
            browser.switchTo().window(handle).close();
        }
        browser.switchTo().window(handles.get(0));
    }

    @Test
    void aContactDispatchesFromTheirPhoneAndChektReceivesTheirDecision() {
        TestAlarm alarm = alarmWithSnapshot();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());

        browser.get(link.toString());

        assertThat(headline()).isEqualTo("Motion at " + alarm.location());
        assertThat(text("greeting")).isEqualTo("Ann, is this alarm real?");
        assertThat(text("site")).isEqualTo("12345/1");
        assertThat(text("location")).isEqualTo(alarm.location());
        assertThat(text("trigger")).isEqualTo("Motion");
        assertThat(text("time")).endsWith("UTC");
        WebElement snapshot = browser.findElement(By.id("snapshot"));
        assertThat(Integer.parseInt(snapshot.getDomProperty("naturalWidth"))).as("the snapshot loaded").isEqualTo(320);
        assertFitsAPhone("dispatch", "disregard");
        assertThat(browser.getPageSource()).doesNotContain(alarm.verificationId().toString(), "Ortiz", "Park",
                alarm.second().phone(), alarm.third().phone());
        screenshot("1-alarm");

        browser.findElement(By.id("dispatch")).click();
        awaitHeadline("Confirm dispatch?");
        assertFitsAPhone("confirm", "back");
        screenshot("2-confirm-dispatch");

        Instant click = freezeClock();
        browser.findElement(By.id("confirm")).click();

        awaitHeadline("Dispatch requested");
        screenshot("3-accepted");
        await().atMost(PATIENCE).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))
                .withRequestBody(equalToJson("{\"verification_id\":\"" + alarm.verificationId() + "\",\"contact_id\":"
                        + alarm.first().contactId() + ",\"action\":\"dispatch\",\"responded_at\":\"" + click + "\"}"))));
        List<LoggedRequest> snapshotFetches = MEDIA.findAll(getRequestedFor(urlPathEqualTo(URI.create(alarm.snapshotUrl()).getPath())));
        assertThat(snapshotFetches).isNotEmpty()
                .allSatisfy(fetch -> assertThat(fetch.getHeader("Referer")).as("the link's token never leaves as a Referer").isNull());

        // The link is spent: opening it again, or going back to the confirmation, shows so and sends nothing.
        browser.navigate().back();
        awaitHeadline("Link already used");
        browser.get(link.toString());
        awaitHeadline("Link already used");
        assertThat(text("message")).contains("dispatch");
        assertThat(browser.findElements(By.id("dispatch"))).isEmpty();
        screenshot("4-used");
        assertThat(patchesFor(alarm)).hasSize(1);
    }

    @Test
    void aTamperedLinkLeadsNowhereAndSendsNothing() {
        TestAlarm alarm = alarmWithSnapshot();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        String url = link.toString();
        String tampered = url.substring(0, url.length() - 1) + (url.endsWith("A") ? "B" : "A");

        browser.get(tampered);

        awaitHeadline("Link not recognised");
        assertThat(browser.findElements(By.id("dispatch"))).isEmpty();
        assertThat(browser.findElements(By.id("site"))).isEmpty();
        screenshot("5-unknown");
        browser.get(url + "/dispatch");
        awaitHeadline("Confirm dispatch?");
        browser.get(tampered + "/dispatch");
        awaitHeadline("Link not recognised");

        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertThat(patchesFor(alarm)).isEmpty();
    }

    @Test
    void aConfirmationLeftOpenPastTheLinksValidityShowsItExpiredAndSendsNothing() {
        TestAlarm alarm = newAlarm().withSnapshot(null);
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        browser.get(link.toString());
        awaitHeadline("Motion at " + alarm.location());
        assertThat(text("no-snapshot")).isEqualTo("No camera snapshot came with this alarm.");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertFitsAPhone("dispatch", "disregard");
        screenshot("6-alarm-without-snapshot");
        browser.findElement(By.id("disregard")).click();
        awaitHeadline("Confirm disregard?");

        advanceClock(Duration.ofHours(24).plusSeconds(1));
        browser.findElement(By.id("confirm")).click();

        awaitHeadline("Link expired");
        screenshot("7-expired");
        browser.get(link.toString());
        awaitHeadline("Link expired");
        assertThat(browser.findElements(By.id("disregard"))).isEmpty();
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.get("state").asText()).isEqualTo("open");
        assertThat(view.has("decision")).isFalse();
        assertThat(patchesFor(alarm)).isEmpty();
    }

    @Test
    void aContactWhoConfirmsAfterSomeoneElseDecidedIsToldSoAndNothingIsSentForThem() throws Exception {
        TestAlarm alarm = alarmWithSnapshot();
        deliver(alarm);
        URI annsLink = awaitResponseLink(alarm, alarm.first());
        advanceClock(Duration.ofMinutes(2).plusSeconds(1));
        URI bensLink = awaitResponseLink(alarm, alarm.second());

        // Ben opens his link and is about to confirm a dispatch...
        browser.get(bensLink.toString());
        assertThat(text("greeting")).isEqualTo("Ben, is this alarm real?");
        browser.findElement(By.id("dispatch")).click();
        awaitHeadline("Confirm dispatch?");
        String bensTab = browser.getWindowHandle();

        // ...while Ann, first on the call list, disregards the alarm.
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(annsLink.toString());
        browser.findElement(By.id("disregard")).click();
        awaitHeadline("Confirm disregard?");
        browser.findElement(By.id("confirm")).click();
        awaitHeadline("Alarm disregarded");

        browser.switchTo().window(bensTab);
        browser.findElement(By.id("confirm")).click();

        awaitHeadline("Already answered");
        assertThat(text("message")).contains("Someone else answered this alarm first", "disregard");
        assertThat(browser.getPageSource()).doesNotContain("Ann", "Lee", alarm.first().phone(), alarm.first().email(),
                String.valueOf(alarm.first().contactId()));
        screenshot("8-already-decided");
        browser.get(bensLink.toString());
        awaitHeadline("Already answered");
        assertThat(browser.findElements(By.id("dispatch"))).isEmpty();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(patchesFor(alarm)).hasSize(1));
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("submitted"));
        JsonNode submitted = json.readTree(patchesFor(alarm).get(0).getBodyAsString());
        assertThat(submitted.get("contact_id").asLong()).isEqualTo(alarm.first().contactId());
        assertThat(submitted.get("action").asText()).isEqualTo("disregard");
        assertThat(patchesFor(alarm)).hasSize(1);
    }

    @Test
    void aContactSaysWhatTheySawInOneTapAndThePrintableEvidencePackShowsTheValidation() throws Exception {
        TestAlarm alarm = alarmWithSnapshot();
        deliver(alarm);
        URI link = awaitResponseLink(alarm, alarm.first());
        browser.get(link.toString());
        browser.findElement(By.id("dispatch")).click();
        awaitHeadline("Confirm dispatch?");
        assertThat(browser.findElement(By.id("seen")).getText()).contains("What did you see", "optional", "Nobody",
                "A person", "A weapon or violence", "Fire or smoke");
        assertFitsAPhone("confirm", "back");

        browser.findElement(By.cssSelector("#seen input[value='person'] + span")).click();
        assertThat(browser.findElement(By.cssSelector("#seen input[value='person']")).isSelected()).isTrue();
        screenshot("9-confirm-with-what-was-seen");
        Instant click = freezeClock();
        browser.findElement(By.id("confirm")).click();

        awaitHeadline("Dispatch requested");
        // What the contact saw is the station's record; CHeKT's PATCH body stays exactly its four fields.
        await().atMost(PATIENCE).untilAsserted(() -> CHEKT.verify(1, patchRequestedFor(urlEqualTo(alarm.patchPath()))
                .withRequestBody(equalToJson("{\"verification_id\":\"" + alarm.verificationId() + "\",\"contact_id\":"
                        + alarm.first().contactId() + ",\"action\":\"dispatch\",\"responded_at\":\"" + click + "\"}"))));
        await().atMost(PATIENCE).until(() -> verification(alarm.verificationId()).get("state").asText().equals("submitted"));
        JsonNode view = verification(alarm.verificationId());
        assertThat(view.at("/validation/avs_level").asInt()).isEqualTo(3);
        assertThat(view.at("/validation/seen").asText()).isEqualTo("person");

        Path page = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "evidence-pack.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, evidencePage(alarm));
        ChromeDriver chrome = (ChromeDriver) browser;
        try {
            browser.get(page.toUri().toString());
            // A desk's screen for the picture of the page (the phone emulation is restored below).
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1000, "height", 2000,
                    "deviceScaleFactor", 1, "mobile", false));
            assertThat(text("audit-chain")).startsWith("The audit hash chain verifies");
            assertThat(text("avs-level")).isEqualTo("3");
            assertThat(text("ecv")).isEqualTo("required, met");
            assertThat(browser.findElements(By.tagName("script"))).isEmpty();
            screenshot("10-evidence-pack");
            Pdf printed = chrome.print(new PrintOptions());
            byte[] pdf = Base64.getDecoder().decode(printed.getContent());
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            Files.write(page.resolveSibling("evidence-pack.pdf"), pdf);
        } finally {
            chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT,
                    "deviceScaleFactor", 2.0, "mobile", true));
        }
    }

    // ---- helpers

    private String evidencePage(TestAlarm alarm) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(local("/api/verifications/" + alarm.verificationId() + "/evidence"))
                .header("Accept", "text/html")
                .header("Authorization", BasicAuth.header(STATION_USER, STATION_PASSWORD))
                .GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private TestAlarm alarmWithSnapshot() {
        TestAlarm alarm = newAlarm();
        return alarm.withSnapshot("https://localhost:" + MEDIA.httpsPort() + "/snap/" + alarm.alarmVerificationId() + ".png");
    }

    private String headline() {
        return text("headline");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void awaitHeadline(String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.id("headline"), expected));
    }

    /** A phone needs no sideways scrolling, and the page's buttons are on the first screen, full width. */
    private void assertFitsAPhone(String... buttonIds) {
        WebElement root = browser.findElement(By.tagName("html"));
        int viewportWidth = Integer.parseInt(root.getDomProperty("clientWidth"));
        int viewportHeight = Integer.parseInt(root.getDomProperty("clientHeight"));
        assertThat(viewportWidth).as("viewport width").isEqualTo(PHONE_WIDTH);
        assertThat(Integer.parseInt(root.getDomProperty("scrollWidth"))).as("no sideways scrolling").isLessThanOrEqualTo(viewportWidth);
        for (String id : buttonIds) {
            WebElement button = browser.findElement(By.id(id));
            assertThat(button.isDisplayed()).as(id).isTrue();
            assertThat(button.getRect().getHeight()).as("%s is a large target", id).isGreaterThanOrEqualTo(60);
            assertThat(button.getRect().getWidth()).as("%s spans the screen", id).isGreaterThanOrEqualTo(viewportWidth - 40);
            assertThat(button.getRect().getY() + button.getRect().getHeight()).as("%s on the first screen", id)
                    .isLessThanOrEqualTo(viewportHeight);
        }
    }

    private void screenshot(String state) {
        Path directory = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        try {
            Files.createDirectories(directory);
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), directory.resolve(state + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("screenshot of " + state + " in " + testName, e);
        }
    }

    /** A stand-in camera frame: a dark scene with a lit doorway, enough to see that an image is shown. */
    private static byte[] cameraSnapshot() {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D paint = image.createGraphics();
        paint.setColor(new Color(34, 38, 46));
        paint.fillRect(0, 0, 320, 180);
        paint.setColor(new Color(90, 96, 110));
        paint.fillRect(0, 130, 320, 50);
        paint.setColor(new Color(230, 200, 120));
        paint.fillRect(140, 50, 44, 80);
        paint.setColor(new Color(20, 20, 20));
        paint.fillOval(150, 80, 22, 50);
        paint.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
