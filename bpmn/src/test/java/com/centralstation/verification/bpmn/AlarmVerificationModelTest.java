package com.centralstation.verification.bpmn;

import com.jayway.jsonpath.JsonPath;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The process model as analysts see it in Modeler and supervisors in Cockpit. */
class AlarmVerificationModelTest {

    private static BpmnModelInstance model;

    @BeforeAll
    static void readModel() throws IOException {
        try (InputStream bpmn = resource("alarm-verification.bpmn")) {
            model = Bpmn.readModelFromStream(bpmn);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void isTheExecutableAlarmVerificationProcessWithHistoryTimeToLive() {
        Process process = model.getModelElementById(AlarmVerificationModel.PROCESS_KEY);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
    }

    @Test
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge() {
        Map<String, BpmnShape> shapes = shapesByElement();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("shape for " + node.getId()).containsKey(node.getId());
        }
        Map<String, BpmnEdge> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .collect(Collectors.toMap(e -> e.getBpmnElement().getId(), Function.identity()));
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(edges).as("edge for " + flow.getId()).containsKey(flow.getId());
            assertThat(edges.get(flow.getId()).getWaypoints()).as("waypoints of " + flow.getId()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shapesDoNotOverlapExceptBoundaryEventsAndNesting() {
        List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                BaseElement a = shapes.get(i).getBpmnElement();
                BaseElement b = shapes.get(j).getBpmnElement();
                if (related(a, b) || related(b, a)) {
                    continue;
                }
                if (intersect(shapes.get(i).getBounds(), shapes.get(j).getBounds())) {
                    overlaps.add(a.getId() + " / " + b.getId());
                }
            }
        }
        assertThat(overlaps).isEmpty();
    }

    @Test
    void threeTimersWaitOnTheOneDecisionWaitWithClearlyNamedExpressionsAndDocumentedDefaults() {
        ReceiveTask await = model.getModelElementById(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION);
        assertThat(await.getMessage().getName()).isEqualTo(AlarmVerificationModel.Message.CONTACT_DECISION);

        List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> !b.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                .toList();
        assertThat(timers).hasSize(3);
        assertThat(timers).allSatisfy(timer -> {
            assertThat(timer.getAttachedTo().getId()).isEqualTo(await.getId());
            assertThat(timer.cancelActivity()).as("non-interrupting " + timer.getId()).isFalse();
        });
        assertThat(timers.stream().map(AlarmVerificationModelTest::timerSummary))
                .containsExactlyInAnyOrder(
                        "${escalationTimers.first} default PT2M from verification.escalation.first",
                        "${escalationTimers.second} default PT5M from verification.escalation.second",
                        "${escalationTimers.third} default PT10M from verification.escalation.third");
    }

    @ParameterizedTest(name = "{0} asks the policy at step {1}")
    @CsvSource({
            "Activity_PolicyInitial, initial",
            "Activity_PolicyTwoMinutes, 2min",
            "Activity_PolicyFiveMinutes, 5min",
            "Activity_PolicyTenMinutes, 10min"})
    void eachStepAsksTheEscalationPolicyWithItsStepCode(String taskId, String step) {
        BusinessRuleTask task = model.getModelElementById(taskId);
        assertThat(task.getCamundaDecisionRef()).isEqualTo(AlarmVerificationModel.Decision.ESCALATION_POLICY);
        List<CamundaInputParameter> inputs = new ArrayList<>(task.getExtensionElements()
                .getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class)
                .singleResult().getCamundaInputParameters());
        assertThat(inputs).singleElement().satisfies(input -> {
            assertThat(input.getCamundaName()).isEqualTo("escalationStep");
            assertThat(input.getTextContent()).isEqualTo(step);
        });
    }

    @ParameterizedTest(name = "{0} runs in its own job retried on {1}")
    @CsvSource({
            "Activity_NotifyFirstContact, 'PT5S,PT15S,PT30S'",
            "Activity_NotifyNextContact, 'PT5S,PT15S,PT30S'",
            "Activity_SubmitDecision, '${submissionTimers.retryCycle}'"})
    void everythingThatTalksToTheOutsideIsAsynchronousWithARetryCycle(String taskId, String cycle) {
        ServiceTask task = model.getModelElementById(taskId);
        assertThat(task.isCamundaAsyncBefore()).isTrue();
        CamundaFailedJobRetryTimeCycle retry = task.getExtensionElements().getElementsQuery()
                .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult();
        assertThat(retry.getTextContent()).isEqualTo(cycle);
    }

    @Test
    void theCallersTransactionEndsAtTheFirstNotificationsJob() {
        StartEvent start = model.getModelElementById(AlarmVerificationModel.Event.VERIFICATION_REQUESTED);
        ServiceTask firstNotification = model.getModelElementById(AlarmVerificationModel.Activity.NOTIFY_FIRST_CONTACT);
        assertThat(start.isCamundaAsyncBefore()).as("a job that only waits for the next one").isFalse();
        assertThat(firstNotification.isCamundaAsyncBefore()).isTrue();
    }

    @Test
    void messagesAreNamedForCorrelation() {
        assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
                .containsExactlyInAnyOrder(AlarmVerificationModel.Message.CONTACT_DECISION, AlarmVerificationModel.Message.VERIFICATION_CANCELLED,
                        AlarmVerificationModel.Message.CONTACT_UNREACHABLE);
        SubProcess cancelled = model.getModelElementById(AlarmVerificationModel.Activity.CANCELLED_BY_CHEKT);
        assertThat(cancelled.triggeredByEvent()).isTrue();
        StartEvent cancelStart = model.getModelElementById(AlarmVerificationModel.Event.CANCEL_RECEIVED);
        assertThat(cancelStart.isInterrupting()).isTrue();
    }

    @Test
    void aCallThatEndedUnansweredAsksThePolicyAtOnceLikeAnUndeliveredNotificationWhileTheLadderWaits() {
        BoundaryEvent unanswered = model.getModelElementById(AlarmVerificationModel.Event.CONTACT_UNREACHABLE);
        assertThat(unanswered.getAttachedTo().getId()).isEqualTo(AlarmVerificationModel.Activity.AWAIT_CONTACT_DECISION);
        assertThat(unanswered.cancelActivity()).as("the contact may still answer, and the timers keep running").isFalse();
        assertThat(unanswered.getEventDefinitions()).singleElement().isInstanceOfSatisfying(MessageEventDefinition.class,
                definition -> assertThat(definition.getMessage().getName()).isEqualTo(AlarmVerificationModel.Message.CONTACT_UNREACHABLE));
        Gateway notDelivered = model.getModelElementById(AlarmVerificationModel.Gateway.NOT_DELIVERED);
        assertThat(notDelivered.getIncoming()).extracting(flow -> flow.getSource().getId())
                .containsExactlyInAnyOrder(AlarmVerificationModel.Event.CONTACT_UNREACHABLE, AlarmVerificationModel.Activity.NOTIFY_NEXT_CONTACT);
        assertThat(notDelivered.getOutgoing()).singleElement().extracting(flow -> flow.getTarget().getId())
                .isEqualTo(AlarmVerificationModel.Activity.POLICY_UNDELIVERED);
    }

    @Test
    void theOperatorTaskUsesTheDeployedCamundaFormAndValidatesOnCompletion() throws IOException {
        UserTask review = model.getModelElementById(AlarmVerificationModel.Activity.OPERATOR_REVIEW);
        assertThat(review.getCamundaFormRef()).isEqualTo("operator-review");
        assertThat(review.getCamundaFormRefBinding()).isEqualTo("deployment");
        assertThat(review.getCamundaCandidateGroups()).isEqualTo("operators");
        assertThat(review.getExtensionElements().getDomElement().getChildElements().stream()
                .filter(e -> e.getLocalName().equals("taskListener"))
                .map(e -> e.getAttribute("event") + " " + e.getAttribute("delegateExpression")))
                .containsExactly("complete ${operatorReviewListener}");

        String form;
        try (InputStream json = resource("operator-review.form")) {
            form = new String(json.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat((String) JsonPath.read(form, "$.id")).isEqualTo("operator-review");
        assertThat((List<String>) JsonPath.read(form, "$.components[*].key"))
                .contains("operatorOutcome", "operatorContactId", "operatorNote", "callListSummary", "alarmSummary");
        assertThat((List<String>) JsonPath.read(form, "$.components[?(@.key == 'operatorOutcome')].values[*].value"))
                .containsExactly("dispatch", "disregard", "close-unverified");
    }

    @Test
    void aRefusedDispatchIsAnOperatorTaskWithChektsAnswerAndAWaitLoopsBackToTheSubmission() throws IOException {
        UserTask refused = model.getModelElementById(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN);
        assertThat(refused.getName()).isEqualTo("CHeKT did not take the dispatch: call the responding agency");
        assertThat(refused.getCamundaCandidateGroups()).isEqualTo("operators");
        assertThat(refused.getCamundaFormRef()).isEqualTo("dispatch-not-taken");
        assertThat(refused.getCamundaFormRefBinding()).isEqualTo("deployment");
        String form;
        try (InputStream json = resource("dispatch-not-taken.form")) {
            form = new String(json.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat((String) JsonPath.read(form, "$.id")).isEqualTo("dispatch-not-taken");
        assertThat((List<String>) JsonPath.read(form, "$.components[*].key"))
                .contains("chektStatus", "chektErrorCode", "chektMessage", "chektRequestId", "agencyNote", "alarmSummary");

        IntermediateCatchEvent wait = model.getModelElementById(AlarmVerificationModel.Event.WAIT_FOR_CHEKT);
        TimerEventDefinition timer = wait.getChildElementsByType(TimerEventDefinition.class).iterator().next();
        assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("${chektWait}");
        assertThat(wait.getSucceedingNodes().singleResult().getId()).isEqualTo(AlarmVerificationModel.Gateway.SUBMIT_AGAIN);
        ServiceTask submit = model.getModelElementById(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        assertThat(submit.getPreviousNodes().singleResult().getId()).isEqualTo(AlarmVerificationModel.Gateway.SUBMIT_AGAIN);
        assertThat(submit.getCamundaJobPriority()).isEqualTo(wait.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "jobPriority"));
    }

    @Test
    void distinctEndsTellSupervisorsHowAVerificationEnded() {
        Collection<String> processEnds = model.getModelElementsByType(EndEvent.class).stream()
                .filter(end -> end.getParentElement() instanceof Process
                        || ((BaseElement) end.getParentElement()).getId().equals(AlarmVerificationModel.Activity.CANCELLED_BY_CHEKT))
                .map(EndEvent::getName)
                .toList();
        assertThat(processEnds).containsExactlyInAnyOrder("Decision submitted", "Verification closed by CHeKT",
                "Verification closed unverified", "Verification cancelled", "Agency called",
                "Refused, agency call already asked", "No deadline to watch", "Agency call asked already",
                "Agency called, submission goes on");
        EndEvent contactDecided = model.getModelElementById(AlarmVerificationModel.Event.CONTACT_DECIDED);
        EndEvent operatorDecided = model.getModelElementById(AlarmVerificationModel.Event.OPERATOR_DECIDED);
        assertThat(contactDecided.getEventDefinitions()).singleElement().isInstanceOf(TerminateEventDefinition.class);
        assertThat(operatorDecided.getEventDefinitions()).singleElement().isInstanceOf(TerminateEventDefinition.class);
    }

    @Test
    void aDispatchNotTakenByTheDeadlineAsksForTheAgencyCallWhileTheSubmissionGoesOn() {
        FlowNode watch = model.getModelElementById(AlarmVerificationModel.Gateway.WATCH_DISPATCH);
        assertThat(watch.getPreviousNodes().singleResult().getId()).isEqualTo(AlarmVerificationModel.Activity.ACCEPT_DECISION);
        assertThat(watch.getSucceedingNodes().list()).extracting(BaseElement::getId).containsExactlyInAnyOrder(
                AlarmVerificationModel.Gateway.SUBMIT_AGAIN, AlarmVerificationModel.Gateway.DISPATCH_TO_WATCH);

        IntermediateCatchEvent deadline = model.getModelElementById(AlarmVerificationModel.Event.DISPATCH_DEADLINE);
        TimerEventDefinition timer = deadline.getChildElementsByType(TimerEventDefinition.class).iterator().next();
        assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("${submissionTimers.dispatchDeadline}");

        UserTask pending = model.getModelElementById(AlarmVerificationModel.Activity.DISPATCH_PENDING);
        UserTask refused = model.getModelElementById(AlarmVerificationModel.Activity.DISPATCH_NOT_TAKEN);
        assertThat(pending.getName()).isEqualTo("Call the agency: CHeKT has not taken the dispatch");
        assertThat(pending.getCamundaFormRef()).isEqualTo(refused.getCamundaFormRef());
        assertThat(pending.getCamundaCandidateGroups()).isEqualTo(refused.getCamundaCandidateGroups());
        assertThat(pending.getCamundaPriority()).isEqualTo(refused.getCamundaPriority());
        assertThat(listeners(pending)).containsExactlyInAnyOrderElementsOf(listeners(refused))
                .contains("complete ${agencyCallListener}", "start ${execution.setVariable(\"agencyCallAsked\", true)}");
        // the agency task open at the deadline does not end the watch: the submission goes on beside it
        EndEvent afterCall = model.getModelElementById(AlarmVerificationModel.Event.PENDING_AGENCY_CALLED);
        assertThat(afterCall.getEventDefinitions()).isEmpty();
        assertThat(pending.getSucceedingNodes().singleResult()).isSameAs(afterCall);

        // whatever ends the submission ends the watch too (its timer, or its open task); a late refusal keeps the task
        for (String end : List.of(AlarmVerificationModel.Event.DECISION_SUBMITTED, AlarmVerificationModel.Event.CLOSED_BY_CHEKT,
                AlarmVerificationModel.Event.AGENCY_CALLED)) {
            EndEvent event = model.getModelElementById(end);
            assertThat(event.getEventDefinitions()).as(end).singleElement().isInstanceOf(TerminateEventDefinition.class);
        }
        EndEvent refusedLate = model.getModelElementById(AlarmVerificationModel.Event.REFUSED_AGENCY_ASKED);
        assertThat(refusedLate.getEventDefinitions()).isEmpty();
        assertThat(refusedLate.getPreviousNodes().singleResult().getId()).isEqualTo(AlarmVerificationModel.Gateway.CHEKT_ANSWER);
    }

    private static List<String> listeners(UserTask task) {
        return task.getExtensionElements().getDomElement().getChildElements().stream()
                .filter(e -> e.getLocalName().equals("taskListener") || e.getLocalName().equals("executionListener"))
                .map(e -> e.getAttribute("event") + " " + (e.getAttribute("delegateExpression") != null
                        ? e.getAttribute("delegateExpression") : e.getAttribute("expression")))
                .toList();
    }

    private static String timerSummary(BoundaryEvent timer) {
        TimerEventDefinition definition = timer.getChildElementsByType(TimerEventDefinition.class).iterator().next();
        Map<String, String> properties = timer.getExtensionElements().getElementsQuery()
                .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
                .getCamundaProperties().stream()
                .collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue));
        return definition.getTimeDuration().getTextContent() + " default " + properties.get("defaultDuration")
                + " from " + properties.get("configurationProperty");
    }

    private static Map<String, BpmnShape> shapesByElement() {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .collect(Collectors.toMap(s -> s.getBpmnElement().getId(), Function.identity()));
    }

    /** b sits on a's border (a boundary event) or inside it (a sub-process and its content). */
    private static boolean related(BaseElement a, BaseElement b) {
        if (b instanceof BoundaryEvent boundary && boundary.getAttachedTo() == a) {
            return true;
        }
        for (var parent = b.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == a) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersect(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    static InputStream resource(String name) {
        InputStream stream = AlarmVerificationModelTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(stream).as(name + " on the classpath").isNotNull();
        return stream;
    }
}
