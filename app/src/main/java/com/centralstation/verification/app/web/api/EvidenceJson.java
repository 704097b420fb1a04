package com.centralstation.verification.app.web.api;

import com.centralstation.verification.core.domain.AlarmValidation;
import com.centralstation.verification.core.domain.AuditChainCheck;
import com.centralstation.verification.core.domain.EvidencePack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The evidence pack as the JSON the API answers, and as the model of its printable page. */
final class EvidenceJson {

    private EvidenceJson() {
    }

    static Map<String, Object> of(EvidencePack pack) {
        var verification = pack.verification();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verification_id", verification.id().toString());
        json.put("state", lower(pack.state().name()));
        json.put("close_reason", pack.closeReason().orElse(null));
        json.put("assembled_at", text(pack.assembledAt()));
        json.put("received_at", text(verification.receivedAt()));
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("dealer_id", verification.site().dealerId());
        alarm.put("site_id", verification.site().siteId());
        alarm.put("alarm_verification_id", verification.chekt().alarmVerificationId());
        alarm.put("alarm_id", verification.alarm().alarmId());
        alarm.put("trigger", verification.alarm().trigger());
        alarm.put("priority", verification.alarm().priority());
        alarm.put("location", verification.alarm().location());
        alarm.put("snapshot_url", verification.alarm().snapshotUrl());
        alarm.put("occurred_at", text(verification.alarm().occurredAt()));
        json.put("alarm", alarm);
        json.put("call_list", pack.callList().stream().map(c -> map(
                "position", c.position(), "contact_id", c.contactId(), "name", c.name(),
                "phone", c.phone(), "email", c.email())).toList());
        json.put("notification_attempts", pack.notificationAttempts().stream().map(a -> map(
                "at", text(a.at()), "contact_id", a.contactId(), "channel", a.channel(), "address", a.address(),
                "outcome", a.outcome(), "detail", a.detail())).toList());
        json.put("contacts_notified", pack.contactsNotified().stream().map(n -> map(
                "position", n.position(), "contact_id", n.contactId(), "notified_at", text(n.notifiedAt()),
                "delivery", n.delivery().code())).toList());
        json.put("phone_calls", pack.calls().stream().map(c -> map(
                "placed_at", text(c.placedAt()), "contact_id", c.contactId(), "to", c.to(),
                "call_sid", c.callSid().orElse(null), "statuses", c.statuses(), "answered_by", c.answeredBy().orElse(null),
                "keys", c.keys(), "duration_seconds", c.durationSeconds().orElse(null),
                "outcome", c.outcome().orElse(null))).toList());
        json.put("escalation_steps", pack.escalationSteps().stream().map(s -> map(
                "at", text(s.at()), "step", s.step(), "inputs", s.inputs(), "advice", s.advice(),
                "policy_version", s.policyVersion().orElse(null))).toList());
        json.put("decision", pack.decision().map(d -> map(
                "contact_id", d.contactId(), "contact_name", d.contactName(), "action", d.action().code(),
                "how", lower(d.how().name()), "actor", d.actor().id(), "responded_at", text(d.respondedAt()),
                "received_at", d.receivedAt().map(Instant::toString).orElse(null),
                "response_time", d.responseTime().map(r -> r.label()).orElse(null))).orElse(null));
        json.put("chekt_exchanges", pack.chektExchanges().stream().map(x -> map(
                "at", text(x.at()), "outcome", x.outcome(), "trace_id", x.traceId(), "http_status", x.httpStatus(),
                "chekt_id", x.chektId(), "error", x.error(), "request_id", x.requestId())).toList());
        json.put("validation", pack.validation().map(EvidenceJson::validation).orElse(null));
        json.put("ecv_summary", map("contacts_tried_before_decision", pack.ecv().contactsTried(),
                "addresses_tried_before_decision", pack.ecv().addressesTried(),
                "addresses_tried_by_channel", pack.ecv().addressesByChannel()));
        json.put("audit_chain", chain(pack.auditChain()));
        json.put("timeline", pack.timeline().stream().map(e -> map("at", text(e.at()), "type", lower(e.type().name()),
                "actor", e.actor().id(), "details", new TreeMap<>(e.details()))).toList());
        return json;
    }

    static Map<String, Object> validation(AlarmValidation validation) {
        return map("avs_level", validation.avsLevel(), "avs_reason", validation.avsReason(),
                "ecv_required", validation.ecvRequired(), "ecv_met", validation.ecvMet(),
                "ecv_reason", validation.ecvReason(), "seen", validation.seen().map(s -> s.code()).orElse(null));
    }

    private static Map<String, Object> chain(AuditChainCheck check) {
        return map("verifies", check.verifies(), "rows_checked", check.rowsChecked(),
                "rows_unsealed", check.rowsUnsealed(),
                "head", check.head().map(head -> map("position", head.position(), "hash", head.hash())).orElse(null),
                "rekeyed_at", check.rekeyedAt().map(EvidenceJson::text).orElse(null),
                "first_tampered", check.firstTampered().map(row -> map("position", row.position(), "at", text(row.at()),
                        "type", row.type(), "reason", row.reason())).orElse(null));
    }

    /** Keeps the order given and, unlike Map.of, allows absent (null) values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
