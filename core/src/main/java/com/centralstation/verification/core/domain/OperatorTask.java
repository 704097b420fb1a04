package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Tasklist task of a verification, as the operator board shows it: what an operator must do, and who holds it.
 *
 * @param taskId            the engine's task id (Tasklist links to it)
 * @param processInstanceId the engine's process instance (Cockpit links to it)
 * @param name              the task's name as Tasklist shows it
 * @param assignee          the user who holds the task; {@code null} while nobody has claimed it
 */
public record OperatorTask(String taskId, UUID verificationId, String processInstanceId, Kind kind, String name,
                           String assignee, Instant openedAt) {

    public OperatorTask {
        taskId = Require.text(taskId, "taskId");
        Objects.requireNonNull(verificationId, "verificationId");
        processInstanceId = Require.text(processInstanceId, "processInstanceId");
        Objects.requireNonNull(kind, "kind");
        name = name == null || name.isBlank() ? kind.code() : name.strip();
        assignee = assignee == null || assignee.isBlank() ? null : assignee.strip();
        Objects.requireNonNull(openedAt, "openedAt");
    }

    public Optional<String> holder() {
        return Optional.ofNullable(assignee);
    }

    /** What the task asks of an operator; the workflow names it from the model's task. */
    public enum Kind {
        /** "Operator review": the verification is handed over; an operator decides. */
        REVIEW("review"),
        /** "Operator alert": look at the verification while contacts are still being called. */
        ALERT("alert"),
        /** "CHeKT did not take the dispatch": call the responding agency. */
        AGENCY_CALL("agency_call"),
        /** A task the shipped model does not have (an analyst added one). */
        OTHER("other");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Kind> fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
