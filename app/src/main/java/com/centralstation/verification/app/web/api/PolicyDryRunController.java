package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.port.out.IncompatiblePolicyException;
import com.centralstation.verification.core.usecase.DryRunPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An analyst's candidate escalation policy, replayed against the recorded escalation steps before it is
 * deployed. Nothing is deployed here: deploying stays with Modeler and {@code /engine-rest}. Analysts and
 * supervisors call it with their own Camunda login (SecurityConfiguration). The answer holds the totals and one
 * page of the changed steps, newest first, however many there are.
 */
@RestController
public class PolicyDryRunController {

    static final int MAX_DAYS = 366;
    static final int MAX_VERIFICATIONS = 10_000;
    static final int DEFAULT_DAYS = 30;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1_000;

    private final DryRunPolicy dryRun;

    public PolicyDryRunController(DryRunPolicy dryRun) {
        this.dryRun = dryRun;
    }

    @PostMapping(value = "/api/policy/dry-run", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> dryRun(@RequestPart("dmn") MultipartFile dmn,
                                    @RequestParam(required = false) Integer days,
                                    @RequestParam(required = false) Integer verifications,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
        if (days != null && verifications != null) {
            throw new InvalidInputException("days", "and verifications are alternatives: send one of them");
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS);
        }
        if (verifications != null && (verifications < 1 || verifications > MAX_VERIFICATIONS)) {
            throw new InvalidInputException("verifications", "must be between 1 and " + MAX_VERIFICATIONS);
        }
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        DryRunPolicy.Window window = verifications != null ? DryRunPolicy.Window.latestVerifications(verifications)
                : DryRunPolicy.Window.lastDays(days == null ? DEFAULT_DAYS : days);
        DryRunPolicy.Report report;
        try {
            report = dryRun.dryRun(bytes(dmn), window, new DryRunPolicy.Page(page, size));
        } catch (IncompatiblePolicyException refused) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Incompatible policy", "dmn", refused.getMessage());
        }
        return ResponseEntity.ok(json(report, window));
    }

    private static byte[] bytes(MultipartFile dmn) {
        if (dmn.isEmpty()) {
            throw new InvalidInputException("dmn", "is empty");
        }
        try {
            return dmn.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(DryRunPolicy.Report report, DryRunPolicy.Window window) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deployed", false);
        json.put("window", window.days() != null ? Map.of("days", window.days()) : Map.of("verifications", window.verifications()));
        json.put("complete", report.complete());
        json.put("verifications_replayed", report.verificationsReplayed());
        json.put("steps_replayed", report.stepsReplayed());
        json.put("steps_changed", report.stepsChanged());
        json.put("verifications_affected", report.verificationsAffected());
        json.put("page", Map.of("number", report.page().number(), "size", report.page().size()));
        json.put("affected_verifications", report.affectedVerificationsOnPage().stream().map(Object::toString).toList());
        json.put("changed_steps", report.changedOnPage().stream().map(step -> {
            Map<String, Object> changed = new LinkedHashMap<>();
            changed.put("verification_id", step.verificationId().toString());
            changed.put("at", step.at().toString());
            changed.put("step", step.step());
            changed.put("inputs", step.inputs());
            changed.put("recorded_advice", step.recordedAdvice());
            changed.put("candidate_advice", step.candidateAdvice());
            changed.put("candidate_rule", step.candidateRule());
            return changed;
        }).toList());
        json.put("rule_hits", report.ruleHits());
        return json;
    }
}
