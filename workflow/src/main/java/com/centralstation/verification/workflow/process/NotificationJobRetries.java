package com.centralstation.verification.workflow.process;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often the engine runs a notification job before it gives up with an incident, read from the
 * model's {@code failedJobRetryTimeCycle} on "Notify first contact" and "Notify next contact". The
 * notifier must reach its own verdict (channel down) within these runs: a notification that ends in an
 * incident leaves a verification without its ladder.
 */
public final class NotificationJobRetries {

    /** The engine's default when a task has no retry cycle. */
    static final int ENGINE_DEFAULT_RUNS = 3;

    private static final String MODEL = "alarm-verification.bpmn";
    private static final Pattern REPEAT = Pattern.compile("R(\\d+)/.*");

    private NotificationJobRetries() {
    }

    /** The fewest runs either notification task gets in the shipped model. */
    public static int runsInShippedModel() {
        try (InputStream bpmn = NotificationJobRetries.class.getClassLoader().getResourceAsStream(MODEL)) {
            if (bpmn == null) {
                throw new IllegalStateException(MODEL + " is not on the classpath");
            }
            return runs(Bpmn.readModelFromStream(bpmn));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int runs(BpmnModelInstance model) {
        return List.of(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT, AlarmVerificationModel.Activity.NOTIFY_NEXT_CONTACT)
                .stream().mapToInt(id -> runsOf(model.getModelElementById(id))).min().orElseThrow();
    }

    private static int runsOf(BaseElement task) {
        if (task == null || task.getExtensionElements() == null) {
            return ENGINE_DEFAULT_RUNS;
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list()
                .stream().findFirst().map(cycle -> runs(cycle.getTextContent())).orElse(ENGINE_DEFAULT_RUNS);
    }

    /**
     * The engine's reading of a cycle: a list of n intervals allows n + 1 runs, {@code R<n>/<interval>} n runs.
     * An expression is only known at run time: it counts as the engine's default.
     */
    static int runs(String cycle) {
        String text = cycle == null ? "" : cycle.strip();
        if (text.isEmpty() || text.startsWith("${") || text.startsWith("#{")) {
            return ENGINE_DEFAULT_RUNS;
        }
        String[] intervals = text.split(",");
        Matcher repeat = REPEAT.matcher(intervals[0].strip());
        if (intervals.length == 1 && repeat.matches()) {
            return Integer.parseInt(repeat.group(1));
        }
        return intervals.length + 1;
    }
}
