package com.centralstation.verification.workflow;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.testing.FixedValidationTables;
import com.centralstation.verification.core.testing.ImmediateUnitOfWork;
import com.centralstation.verification.core.testing.InMemoryAuditTrail;
import com.centralstation.verification.core.testing.InMemoryNotificationLog;
import com.centralstation.verification.core.testing.InMemoryOperatorTaskLog;
import com.centralstation.verification.core.testing.InMemoryResponseTokenStore;
import com.centralstation.verification.core.testing.InMemoryVerificationRepository;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import com.centralstation.verification.core.testing.RecordingContactNotifier;
import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.core.usecase.RecordAgencyCall;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.workflow.delegate.NotifyContactDelegate;
import com.centralstation.verification.workflow.delegate.OperatorReviewListener;
import com.centralstation.verification.workflow.engine.EngineClock;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The module's one Spring configuration, as the app imports it. */
class WorkflowConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CoreUseCases.class, WorkflowConfiguration.class);

    @Test
    void definesEveryBeanTheModelNames() throws IOException {
        Set<String> named = beanNamesInTheModel();
        assertThat(named).contains(EscalationTimers.BEAN_NAME, SubmissionTimers.BEAN_NAME, NotifyContactDelegate.BEAN_NAME,
                OperatorReviewListener.BEAN_NAME);

        context.run(app -> {
            assertThat(app).hasNotFailed();
            for (String name : named) {
                assertThat(app.containsBean(name)).as("bean " + name).isTrue();
            }
            assertThat(app).hasSingleBean(CamundaVerificationProcess.class);
        });
    }

    @Test
    void theDefaultTimersAreTheOnesTheModelDocuments() throws IOException {
        Map<String, String> documented = documentedTimerDefaults();

        context.run(app -> {
            EscalationTimers timers = app.getBean(EscalationTimers.BEAN_NAME, EscalationTimers.class);
            assertThat(Map.of("first", timers.getFirst(), "second", timers.getSecond(), "third", timers.getThird()))
                    .isEqualTo(documented)
                    .isEqualTo(Map.of("first", "PT2M", "second", "PT5M", "third", "PT10M"));
        });
    }

    @Test
    void configuredTimersAreHonoured() {
        context.withPropertyValues("verification.escalation.first=PT30S", "verification.escalation.second=1m",
                        "verification.escalation.third=PT90S")
                .run(app -> {
                    EscalationTimers timers = app.getBean(EscalationTimers.class);
                    assertThat(timers.getFirst()).isEqualTo("PT30S");
                    assertThat(timers.getSecond()).isEqualTo("PT1M");
                    assertThat(timers.getThird()).isEqualTo("PT1M30S");
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "verification.escalation.first  | PT0S  | verification.escalation.first must be a positive duration",
            "verification.escalation.first  | -PT1M | verification.escalation.first must be a positive duration",
            "verification.escalation.second | PT1M  | must increase strictly (first < second < third)",
            "verification.escalation.third  | PT5M  | must increase strictly (first < second < third)",
            "verification.escalation.first  | soon  | verification.escalation.first"})
    void aBadValueStopsStartUpNamingTheProperty(String property, String value, String message) {
        context.withPropertyValues(property + "=" + value).run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure()).hasStackTraceContaining(message);
        });
    }

    @Test
    void theDispatchDeadlineTheModelReadsIsTwoMinutesUnlessConfigured() {
        context.run(app -> assertThat(app.getBean(SubmissionTimers.BEAN_NAME, SubmissionTimers.class).getDispatchDeadline())
                .isEqualTo("PT2M"));
        context.withPropertyValues("verification.submission.dispatch-deadline=90s")
                .run(app -> assertThat(app.getBean(SubmissionTimers.class).getDispatchDeadline()).isEqualTo("PT1M30S"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PT5S  | verification.submission.dispatch-deadline must be at least 10 seconds",
            "PT20M | verification.submission.dispatch-deadline must be at most 15 minutes"})
    void aDispatchDeadlineOutOfBoundsStopsStartUpNamingTheProperty(String value, String message) {
        context.withPropertyValues("verification.submission.dispatch-deadline=" + value).run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure()).hasStackTraceContaining(message);
        });
    }

    @Test
    void theDefaultSubmissionRetryCycleIsTheOneTheModelDocumentsAndAlwaysHad() throws IOException {
        Map<String, String> documented = documentedRetryCycle();

        context.run(app -> {
            SubmissionTimers timers = app.getBean(SubmissionTimers.BEAN_NAME, SubmissionTimers.class);
            assertThat(timers.getRetryCycle()).isEqualTo(documented.get("defaultRetryCycle"))
                    .isEqualTo("PT10S,PT30S,PT1M,PT2M,PT5M")
                    .isEqualTo(SubmissionProperties.DEFAULT_CYCLE)
                    .isEqualTo(new SubmissionTimers(SubmissionProperties.defaults()).getRetryCycle());
            assertThat(documented.get("configurationProperty")).isEqualTo("verification.submission.retry-cycle");
        });
    }

    @Test
    void aConfiguredSubmissionRetryCycleIsHonoured() {
        context.withPropertyValues("verification.submission.retry-cycle=PT2S, 5s ,PT10S,1m").run(app ->
                assertThat(app.getBean(SubmissionTimers.class).getRetryCycle()).isEqualTo("PT2S,PT5S,PT10S,PT1M"));
    }

    @ParameterizedTest(name = "retry-cycle={0}")
    @CsvSource(delimiter = '|', value = {
            "PT0S           | verification.submission.retry-cycle must list positive durations",
            "PT10S,-PT1M    | verification.submission.retry-cycle must list positive durations",
            "PT10S,P2D      | verification.submission.retry-cycle must list positive durations of at most a day each",
            "soon           | verification.submission.retry-cycle",
            "''             | verification.submission.retry-cycle must list at least one wait"})
    void aBadSubmissionRetryCycleStopsStartUpNamingTheProperty(String value, String message) {
        context.withPropertyValues("verification.submission.retry-cycle=" + value).run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure()).hasStackTraceContaining(message);
        });
    }

    private static Map<String, String> documentedRetryCycle() throws IOException {
        BpmnModelInstance model;
        try (InputStream in = WorkflowConfigurationTest.class.getClassLoader().getResourceAsStream("alarm-verification.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
        ServiceTask submit = model.getModelElementById(AlarmVerificationModel.Activity.SUBMIT_DECISION);
        return submit.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).singleResult()
                .getCamundaProperties().stream()
                .collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue));
    }

    private static Set<String> beanNamesInTheModel() throws IOException {
        String bpmn;
        try (InputStream in = WorkflowConfigurationTest.class.getClassLoader().getResourceAsStream("alarm-verification.bpmn")) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> names = new TreeSet<>();
        Matcher delegates = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"").matcher(bpmn);
        while (delegates.find()) {
            names.add(delegates.group(1));
        }
        Matcher beanProperties = Pattern.compile("\\$\\{(\\w+)\\.\\w+}</(bpmn:timeDuration|camunda:failedJobRetryTimeCycle)>")
                .matcher(bpmn);
        while (beanProperties.find()) {
            names.add(beanProperties.group(1));
        }
        return names;
    }

    private static Map<String, String> documentedTimerDefaults() throws IOException {
        BpmnModelInstance model;
        try (InputStream in = WorkflowConfigurationTest.class.getClassLoader().getResourceAsStream("alarm-verification.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
        return model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(event -> !event.getChildElementsByType(TimerEventDefinition.class).isEmpty())
                .collect(Collectors.toMap(
                        event -> event.getChildElementsByType(TimerEventDefinition.class).iterator().next()
                                .getTimeDuration().getTextContent().replaceAll("\\$\\{escalationTimers\\.(\\w+)}", "$1"),
                        event -> event.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
                                .singleResult().getCamundaProperties().stream()
                                .filter(p -> p.getCamundaName().equals("defaultDuration"))
                                .map(CamundaProperty::getCamundaValue).findFirst().orElseThrow()));
    }

    /** What the app provides: core's use cases (over fakes here), the shared clock and the engine. */
    @Configuration(proxyBeanMethods = false)
    static class CoreUseCases {
        private final EngineClock clock = new EngineClock();
        private final InMemoryVerificationRepository verifications = new InMemoryVerificationRepository();
        private final InMemoryAuditTrail audit = new InMemoryAuditTrail();

        @Bean
        Clock clock() {
            return clock;
        }

        @Bean
        NotifyNextContact notifyNextContact() {
            return new NotifyNextContact(verifications, new RecordingContactNotifier(), new InMemoryResponseTokenStore(),
                    new InMemoryNotificationLog(), new ImmediateUnitOfWork(), audit, VerificationMetrics.NONE, clock,
                    Duration.ofHours(24));
        }

        @Bean
        RecordEscalation recordEscalation() {
            return new RecordEscalation(audit, VerificationMetrics.NONE, clock);
        }

        @Bean
        AcceptDecision acceptDecision() {
            return new AcceptDecision(verifications, audit, VerificationMetrics.NONE, clock, new FixedValidationTables(0),
                    new InMemoryNotificationLog());
        }

        @Bean
        SubmitDecision submitDecision() {
            return new SubmitDecision(verifications, new RecordingChektGateway(clock), audit, VerificationMetrics.NONE, clock);
        }

        @Bean
        RecordAgencyCall recordAgencyCall() {
            return new RecordAgencyCall(audit, clock);
        }

        @Bean
        CloseUnverified closeUnverified() {
            return new CloseUnverified(verifications, audit, VerificationMetrics.NONE, clock);
        }

        @Bean
        RecordOperatorTask recordOperatorTask() {
            return new RecordOperatorTask(new InMemoryOperatorTaskLog(), audit, clock);
        }

        @Bean
        IdentityService identityService() {
            return TestEngine.engine().getIdentityService();
        }

        @Bean
        TaskService taskService() {
            return TestEngine.engine().getTaskService();
        }

        @Bean
        RuntimeService runtimeService() {
            return TestEngine.engine().getRuntimeService();
        }

        @Bean
        ManagementService managementService() {
            return TestEngine.engine().getManagementService();
        }

        @Bean
        DecisionService decisionService() {
            return TestEngine.engine().getDecisionService();
        }
    }
}
