package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.AuditEvent;
import com.centralstation.verification.core.domain.NotifiedContact;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.usecase.VerificationQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The read side for supervisors and the station: one verification with its timeline, or a list by state. */
@RestController
public class VerificationController {

    private static final int MAX_LIMIT = 1000;

    private final VerificationQueries queries;

    public VerificationController(VerificationQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/verifications/{verificationId}")
    public ResponseEntity<?> one(@PathVariable UUID verificationId) {
        return queries.find(verificationId)
                .<ResponseEntity<?>>map(view -> ResponseEntity.ok(detail(view.record(), view.timeline())))
                .orElseGet(() -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Unknown verification", "verificationId",
                        "no verification " + verificationId));
    }

    @GetMapping("/api/verifications")
    public Map<String, Object> list(@RequestParam String state, @RequestParam(defaultValue = "100") int limit) {
        VerificationState wanted = Arrays.stream(VerificationState.values())
                .filter(s -> s.name().equalsIgnoreCase(state)).findFirst()
                .orElseThrow(() -> new InvalidInputException("state", "must be one of "
                        + Arrays.stream(VerificationState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<Map<String, Object>> items = queries.inState(wanted, limit).stream().map(VerificationController::summary).toList();
        return Map.of("state", wanted.name().toLowerCase(Locale.ROOT), "count", items.size(), "verifications", items);
    }

    private static Map<String, Object> summary(VerificationRecord record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verification_id", record.verification().id().toString());
        json.put("dealer_id", record.verification().site().dealerId());
        json.put("site_id", record.verification().site().siteId());
        json.put("alarm_verification_id", record.verification().chekt().alarmVerificationId());
        json.put("state", record.state().name().toLowerCase(Locale.ROOT));
        json.put("trigger", record.verification().alarm().trigger());
        json.put("priority", record.verification().alarm().priority());
        json.put("alarm_class", record.verification().alarmClass().code());
        json.put("received_at", record.verification().receivedAt().toString());
        json.put("contacts_notified", record.contactsNotified());
        json.put("contacts_left", record.contactsLeft());
        return json;
    }

    private static Map<String, Object> detail(VerificationRecord record, List<AuditEvent> timeline) {
        Map<String, Object> json = summary(record);
        json.put("alarm", alarm(record));
        json.put("call_list", record.verification().callList().contacts().stream().map(ContactJson::of).toList());
        json.put("notified", record.notified().stream().map(VerificationController::notified).toList());
        record.decision().ifPresent(decision -> json.put("decision", Map.of(
                "contact_id", decision.contactId(),
                "action", decision.action().code(),
                "responded_at", decision.respondedAt().toString(),
                "source", decision.source().name().toLowerCase(Locale.ROOT))));
        record.submission().ifPresent(receipt -> json.put("submission", Map.of(
                "chekt_id", receipt.chektId(),
                "trace_id", receipt.traceId().toString(),
                "submitted_at", receipt.submittedAt().toString())));
        record.closeReason().ifPresent(reason -> json.put("close_reason", reason));
        AlarmValidation.lastRecorded(timeline).ifPresent(validation -> json.put("validation",
                EvidenceJson.validation(validation)));
        json.put("timeline", timeline.stream().map(VerificationController::event).toList());
        return json;
    }

    private static Map<String, Object> alarm(VerificationRecord record) {
        var alarm = record.verification().alarm();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alarm_id", alarm.alarmId());
        json.put("trigger", alarm.trigger());
        json.put("priority", alarm.priority());
        json.put("location", alarm.location());
        json.put("snapshot_url", alarm.snapshotUrl());
        json.put("occurred_at", text(alarm.occurredAt()));
        return json;
    }

    private static Map<String, Object> notified(NotifiedContact notified) {
        return Map.of("contact_id", notified.contactId(), "position", notified.position(),
                "notified_at", notified.notifiedAt().toString(), "delivered", notified.delivered(),
                "delivery", notified.delivery().code());
    }

    private static Map<String, Object> event(AuditEvent event) {
        return Map.of("at", event.at().toString(), "type", event.type().name().toLowerCase(Locale.ROOT),
                "actor", event.actor().id(), "details", event.details());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
