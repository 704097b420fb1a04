package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stored audit rows are hash-chained: the actors' spellings and the keys read back are a contract with them. */
class AuditRowsTest {

    private static final UUID ID = UUID.fromString("550e8400-e29b-41d4-a716-446655440000");
    private static final Instant AT = Instant.parse("2026-05-26T10:21:34Z");

    @Test
    void actorsAreSpelledAsStoredRowsSpellThem() {
        assertThat(Actor.ENGINE.id()).isEqualTo("engine");
        assertThat(Actor.CHEKT.id()).isEqualTo("chekt");
        assertThat(Actor.contact(67890).id()).isEqualTo("contact:67890");
        assertThat(Actor.operator("jane").id()).isEqualTo("operator:jane");
        assertThat(Actor.operator(" ").id()).isEqualTo("operator:unknown");
        assertThat(Actor.supervisor(null).id()).isEqualTo("supervisor:unknown");
        assertThat(Actor.VOICE_PROVIDER.id()).isEqualTo("voice-provider");
    }

    @Test
    void aDecisionIsByItsContactTheStationOrAnOperator() {
        assertThat(Actor.decidedBy(decision(DecisionSource.RESPONSE_LINK))).isEqualTo(Actor.contact(67890));
        assertThat(Actor.decidedBy(decision(DecisionSource.PHONE_CALL))).isEqualTo(Actor.contact(67890));
        assertThat(Actor.decidedBy(decision(DecisionSource.STATION_API)).id()).isEqualTo("station");
        assertThat(Actor.decidedBy(decision(DecisionSource.OPERATOR)).id()).isEqualTo("operator");
    }

    @Test
    void aPolicyStepIsReadBackWithItsInputsAdviceAndVersionInNameOrder() {
        AuditEvent row = new AuditEvent(ID, AT, AuditEventType.POLICY_APPLIED, Actor.ENGINE, Map.of(
                "step", "2min", "policyVersion", "4", "policyDefinitionId", "escalationPolicy:4:x",
                "notifyNextContact", "true", "alertOperator", "false", "handOverToOperator", "false",
                "input.trigger", "motion", "input.contactsLeft", "2"));

        PolicyStep step = PolicyStep.from(row);

        assertThat(step.at()).isEqualTo(AT);
        assertThat(step.step()).isEqualTo("2min");
        assertThat(step.inputs()).containsExactly(Map.entry("contactsLeft", "2"), Map.entry("trigger", "motion"));
        assertThat(step.advice()).containsExactly(Map.entry("alertOperator", "false"),
                Map.entry("handOverToOperator", "false"), Map.entry("notifyNextContact", "true"));
        assertThat(step.policyVersion()).hasValue("4");
    }

    @Test
    void onlyAPolicyAppliedRowIsAPolicyStep() {
        AuditEvent escalated = new AuditEvent(ID, AT, AuditEventType.ESCALATED, Actor.ENGINE, Map.of("step", "2min"));

        assertThatThrownBy(() -> PolicyStep.from(escalated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ESCALATED");
    }

    @Test
    void theValidationIsTheLastOneRecorded() {
        AuditEvent first = new AuditEvent(ID, AT, AuditEventType.ALARM_VALIDATED, Actor.ENGINE,
                Map.of("avsLevel", "1", "ecvRequired", "true", "ecvMet", "false"));
        AuditEvent second = new AuditEvent(ID, AT.plusSeconds(1), AuditEventType.ALARM_VALIDATED, Actor.ENGINE,
                Map.of("avsLevel", "3", "avsReason", "person seen", "ecvRequired", "true", "ecvMet", "true", "seen", "person"));

        assertThat(AlarmValidation.lastRecorded(List.of(first, second))).hasValue(new AlarmValidation(3,
                "person seen", true, true, "", Optional.of(ContactObservation.PERSON)));
        assertThat(AlarmValidation.lastRecorded(List.of())).isEmpty();
    }

    private static ContactDecision decision(DecisionSource source) {
        return new ContactDecision(67890, VerificationAction.DISPATCH, AT, source);
    }
}
