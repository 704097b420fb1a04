package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.input.JsonInput;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/verifications/{uuid}/decisions}: a decision from the station's own software. Runs
 * outside any transaction on purpose: the workflow arbitrates concurrent decisions and retries its own
 * optimistic-locking conflicts.
 */
@RestController
public class DecisionController {

    private static final Set<String> FIELDS = Set.of("contact_id", "action", "responded_at");
    /** A first notification ends within its gateway's timeouts: seconds. */
    private static final Duration NOT_YET_WAITING_RETRY_AFTER = Duration.ofSeconds(5);

    private final RecordDecision recordDecision;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DecisionController(RecordDecision recordDecision, ObjectMapper mapper, Clock clock) {
        this.recordDecision = recordDecision;
        this.mapper = mapper;
        this.clock = clock;
    }

    @PostMapping(path = "/api/verifications/{verificationId}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> decide(@PathVariable UUID verificationId, @RequestBody(required = false) byte[] body) {
        Instant receivedAt = clock.instant();
        JsonInput input = JsonInput.parse(mapper, body).allowOnly(FIELDS);
        long contactId = input.positiveLong("contact_id");
        String actionCode = input.text("action");
        VerificationAction action = VerificationAction.fromCode(actionCode).orElseThrow(() ->
                new InvalidInputException("action", "must be \"dispatch\" or \"disregard\""));
        Instant respondedAt = input.optionalInstant("responded_at").orElse(receivedAt);

        RecordDecision.Outcome outcome = recordDecision.record(verificationId,
                new ContactDecision(contactId, action, respondedAt, DecisionSource.STATION_API));
        return switch (outcome) {
            case ACCEPTED -> ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(Map.of(
                    "verification_id", verificationId.toString(), "contact_id", contactId, "action", action.code(),
                    "responded_at", respondedAt.toString(), "status", "accepted"));
            case UNKNOWN_VERIFICATION -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Unknown verification", "verificationId",
                    "no verification " + verificationId);
            case ALREADY_DECIDED -> ApiProblems.problem(HttpStatus.CONFLICT, "Already decided", null,
                    "another decision was taken first");
            case CLOSED -> ApiProblems.problem(HttpStatus.CONFLICT, "Verification closed", null,
                    "the verification was cancelled or closed");
            case CONTACT_NOT_ON_CALL_LIST -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Contact not on call list",
                    "contact_id", "contact " + contactId + " is not on this verification's call list");
            case CONTACT_NOT_NOTIFIED -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Contact not notified",
                    "contact_id", "contact " + contactId + " has not been notified yet");
            case RESPONDED_IN_FUTURE -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid response time",
                    "responded_at", "responded_at lies in the future");
            case RESPONDED_BEFORE_ALARM -> ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid response time",
                    "responded_at", "responded_at lies before the alarm");
            case NOT_YET_WAITING -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(NOT_YET_WAITING_RETRY_AFTER.toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Not waiting for a decision yet", null,
                            "the verification is still notifying its first contact; nothing was decided, send the "
                                    + "decision again").getBody());
        };
    }
}
