package com.centralstation.verification.app.foundation;

import com.centralstation.verification.app.e2e.ServiceTest;
import com.centralstation.verification.app.testing.BasicAuth;
import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as an operator meets it: health, Cockpit login, the engine REST API for Modeler, closed doors. */
class ServiceFoundationTest extends ServiceTest {

    @Test
    void healthIsUpAndOpenToLoadBalancers() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void cockpitLoginWorksWithTheConfiguredAdminAndRefusesOthers() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("cockpit");

        // A wrong password would lock the shared admin for a few seconds (Camunda's login throttling): use a stranger.
        assertThat(login(browser, "intruder", ADMIN_PASSWORD).statusCode()).isEqualTo(401);
        HttpResponse<String> loggedIn = login(browser, "admin", ADMIN_PASSWORD);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(200);
        JsonNode user = json.readTree(loggedIn.body());
        assertThat(user.get("userId").asText()).isEqualTo("admin");
        assertThat(user.get("authorizedApps").findValuesAsText("authorizedApps").toString() + user.get("authorizedApps"))
                .contains("cockpit");
    }

    private HttpResponse<String> login(HttpClient browser, String user, String password) throws Exception {
        String form = "username=" + user + "&password=" + password;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        xsrfToken(browser).ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.Optional<String> xsrfToken(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst();
    }

    @Test
    void theEngineRestApiModelerDeploysThroughNeedsCamundaCredentialsAndServesTheModels() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition?latestVersion=true"))
                .header("Authorization", BasicAuth.header("admin", ADMIN_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json.readTree(admin.body()).findValuesAsText("key")).contains(AlarmVerificationModel.PROCESS_KEY);

        HttpResponse<String> decisions = http.send(HttpRequest.newBuilder(uri("/engine-rest/decision-definition?latestVersion=true"))
                .header("Authorization", BasicAuth.header("admin", ADMIN_PASSWORD)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(decisions.body()).findValuesAsText("key")).contains(AlarmVerificationModel.Decision.ESCALATION_POLICY);
        assertThat(json.readTree(decisions.body()).findValues("historyTimeToLive")).allSatisfy(ttl -> assertThat(ttl.asInt()).isPositive());
    }

    @Test
    void metricsNeedTheMetricsLoginAndExportTheVerificationMetersAndTheAuditHead() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> scraped = http.send(metrics(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
        assertThat(scraped.body()).contains("verification_decisions_total{response_time=\"0-2m\"}",
                "verification_decisions_total{response_time=\"10m+\"}", "verification_escalations_total",
                "verification_audit_chain_head_row", "verification_audit_chain_head_hash");
    }

    @Test
    void theStationAndTheMetricsLoginEachOpenTheirOwnPathsOnly() throws Exception {
        HttpResponse<String> stationScrape = http.send(station(HttpRequest.newBuilder(uri("/actuator/prometheus"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metricsApi = http.send(metrics(HttpRequest.newBuilder(uri("/api/verifications?state=open"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(stationScrape.statusCode()).isEqualTo(403);
        assertThat(metricsApi.statusCode()).isEqualTo(403);
    }

    @Test
    void infoNeedsTheStationOrTheMetricsLoginAndNamesTheServicesVersionAndBuildTime() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/actuator/info")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> scraper = http.send(metrics(HttpRequest.newBuilder(uri("/actuator/info"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scraper.statusCode()).as(scraper.body()).isEqualTo(200);

        HttpResponse<String> info = http.send(station(HttpRequest.newBuilder(uri("/actuator/info"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        JsonNode build = json.readTree(info.body()).get("build");
        assertThat(build.get("artifact").asText()).isEqualTo("app");
        assertThat(build.get("version").asText()).isEqualTo(System.getProperty("service.version"));
        assertThat(Instant.parse(build.get("time").asText())).isBefore(Instant.now());
    }

    @Test
    void cockpitKeepsCamundasOwnUserStylesheetUnlessTheStationHidesTheEndOfLifeBanner() throws Exception {
        HttpResponse<String> styles = http.send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/styles/user-styles.css"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.body()).doesNotContain("ce-eol-banner").isEqualTo(camundasOwn("cockpit"));
    }

    /** The user stylesheet Camunda's webjar ships (its own example, commented out). */
    private static String camundasOwn(String webapp) throws IOException {
        try (InputStream shipped = ServiceFoundationTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/camunda/app/" + webapp + "/styles/user-styles.css")) {
            assertThat(shipped).as("Camunda's %s user stylesheet on the class path", webapp).isNotNull();
            return new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/h2-console", "/internal", "/api-docs", "/respond"})
    void everythingElseIsClosed(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 403, 404);
    }

    @Test
    void theStationApiRefusesTheWrongPassword() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/verifications?state=open"))
                .header("Authorization", BasicAuth.header(STATION_USER, "wrong")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);

        HttpResponse<String> ok = http.send(station(HttpRequest.newBuilder(uri("/api/verifications?state=open"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("state").asText()).isEqualTo("open");
    }
}
