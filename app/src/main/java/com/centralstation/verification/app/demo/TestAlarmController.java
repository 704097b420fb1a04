package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.web.ApiProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /api/test-alarms} (station credentials, demo profile only): triggers a test alarm on the demo site
 * through the real signed webhook and answers the verification it started. Body optional:
 * {@code {"trigger": "fire"}} (default {@code motion}); a life-safety trigger goes to an operator at once.
 */
@RestController
@Profile(DemoProfile.NAME)
public class TestAlarmController {

    static final Pattern TRIGGER = Pattern.compile("[a-z][a-z-]{0,23}");
    static final String DEFAULT_TRIGGER = "motion";

    private final TestAlarms testAlarms;
    private final ObjectMapper mapper;

    public TestAlarmController(TestAlarms testAlarms, ObjectMapper mapper, Environment environment) {
        DemoProfile.require(environment, TestAlarmController.class);
        this.testAlarms = testAlarms;
        this.mapper = mapper;
    }

    @PostMapping("/api/test-alarms")
    public ResponseEntity<?> trigger(@RequestBody(required = false) byte[] body) {
        String trigger = DEFAULT_TRIGGER;
        if (body != null && body.length > 0) {
            JsonNode json;
            try {
                json = mapper.readTree(body);
            } catch (IOException e) {
                return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "body", "the request body could not be read as JSON");
            }
            if (json.hasNonNull("trigger")) {
                trigger = json.get("trigger").asText();
            }
        }
        if (!TRIGGER.matcher(trigger).matches()) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "trigger",
                    "trigger must be a word such as motion or fire (lower case, at most 24 characters)");
        }
        TestAlarms.Triggered triggered = testAlarms.trigger(trigger);
        if (!triggered.accepted()) {
            return ApiProblems.problem(HttpStatus.BAD_GATEWAY, "Webhook refused the test alarm", null,
                    "POST /webhooks/chekt answered " + triggered.webhookStatus() + ": " + triggered.webhookAnswer());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verification_id", triggered.verificationId().toString());
        json.put("alarm_verification_id", triggered.alarmVerificationId());
        json.put("event_id", triggered.eventId());
        json.put("trigger", triggered.trigger());
        json.put("dealer_id", DemoSite.SITE.dealerId());
        json.put("site_id", DemoSite.SITE.siteId());
        json.put("webhook_status", triggered.webhookStatus());
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
