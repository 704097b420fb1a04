package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.e2e.ServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the demo profile (the shared end-to-end context) there is no sandbox, no test alarm and no start page. */
class DemoOnlyTest extends ServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void noDemoBeanExists() {
        assertThat(context.getBeanNamesForType(ChektSandbox.class)).isEmpty();
        assertThat(context.getBeanNamesForType(TestAlarms.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ChektSandboxController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoConfiguration.class)).isEmpty();
        assertThat(context.getBeanNamesForType(PhoneSimulator.class)).isEmpty();
        assertThat(context.getBeanNamesForType(PhoneSimulatorController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoResponseLinks.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoPageController.class)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /demo",
            "POST, /demo/test-alarms",
            "POST, /demo/chekt/oauth/token",
            "PATCH, /demo/chekt/partner/v1/dealers/demo-dealer/sites/demo-site/alarm-verifications/1",
            "GET, /demo/chekt/received",
            "GET, /demo/received",
            "POST, /demo/outage?down=true",
            "POST, /demo/chekt/outage?down=true",
            "POST, /demo/twilio/2010-04-01/Accounts/ACdemo0000000000000000000000000000/Calls.json",
            "GET, /demo/phone",
            "POST, /demo/phone/CA0123/answer"
    })
    void theDemoPathsAreClosed(String method, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 403, 404);
    }

    @Test
    void theStationCannotTriggerTestAlarms() throws Exception {
        HttpResponse<String> response = http.send(station(HttpRequest.newBuilder(uri("/api/test-alarms")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"trigger\":\"motion\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
