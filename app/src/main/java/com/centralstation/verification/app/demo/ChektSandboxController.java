package com.centralstation.verification.app.demo;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox's HTTP face under {@value #BASE}: CHeKT's token endpoint and the alarm verification PATCH, as the
 * demo profile points {@code chekt.base-url} and {@code chekt.token-url} here; plus what it received and the
 * outage switch, for the tester.
 */
@RestController
@Profile(DemoProfile.NAME)
@RequestMapping(ChektSandboxController.BASE)
public class ChektSandboxController {

    public static final String BASE = "/demo/chekt";

    private final ChektSandbox sandbox;

    public ChektSandboxController(ChektSandbox sandbox, Environment environment) {
        DemoProfile.require(environment, ChektSandboxController.class);
        this.sandbox = sandbox;
    }

    @PostMapping(path = "/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        return answer(sandbox.token(form.toSingleValueMap(), headers(request)));
    }

    @PatchMapping("/partner/v1/dealers/{dealerId}/sites/{siteId}/alarm-verifications/{verificationId}")
    public ResponseEntity<Map<String, Object>> alarmVerification(@PathVariable String dealerId, @PathVariable String siteId,
                                                                 @PathVariable String verificationId,
                                                                 @RequestBody(required = false) String body,
                                                                 HttpServletRequest request) {
        return answer(sandbox.alarmVerification(dealerId, siteId, verificationId, body == null ? "" : body, headers(request)));
    }

    /** Everything received, oldest first; the README's "see what CHeKT received". */
    @GetMapping("/received")
    public Map<String, Object> received() {
        List<ChektSandbox.ReceivedRequest> received = sandbox.received();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", received.size());
        json.put("outage", sandbox.down());
        json.put("requests", received);
        return json;
    }

    /** {@code POST /demo/chekt/outage?down=true}: CHeKT answers 503 until switched back. */
    @PostMapping("/outage")
    public Map<String, Object> outage(@RequestParam boolean down) {
        sandbox.down(down);
        return Map.of("outage", sandbox.down());
    }

    private static ResponseEntity<Map<String, Object>> answer(ChektSandbox.Answer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
        answer.headers().forEach(response::header);
        return response.body(answer.body());
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new TreeMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        return headers;
    }
}
