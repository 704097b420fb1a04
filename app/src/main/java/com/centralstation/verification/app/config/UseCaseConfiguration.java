package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.notification.EnabledChannels;
import com.centralstation.verification.adapters.notification.NotificationProperties;
import com.centralstation.verification.app.metrics.MicrometerVerificationMetrics;
import com.centralstation.verification.app.metrics.AuditChainGauges;
import com.centralstation.verification.app.metrics.SupervisionGauges;
import com.centralstation.verification.core.port.out.AlarmClassifier;
import com.centralstation.verification.core.port.out.AlarmValidationTables;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.CandidatePolicies;
import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.OperatorTaskLog;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.core.usecase.AnswerPhoneCall;
import com.centralstation.verification.core.usecase.AssembleEvidencePack;
import com.centralstation.verification.core.usecase.CancelBySupervisor;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.core.usecase.DryRunPolicy;
import com.centralstation.verification.core.usecase.ManageCallLists;
import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.centralstation.verification.core.usecase.RecordAgencyCall;
import com.centralstation.verification.core.usecase.RecordCallProgress;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.core.usecase.RecordOperatorTask;
import com.centralstation.verification.core.usecase.ResponseLinks;
import com.centralstation.verification.core.usecase.StartVerification;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.core.usecase.VerificationQueries;
import com.centralstation.verification.workflow.engine.EngineClock;
import com.centralstation.verification.workflow.process.NotificationJobRetries;
import com.centralstation.verification.workflow.process.OpenIncidents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Assembles core's use cases from the ports the adapters and the workflow provide. Core stays free of
 * Spring; this is the one place that knows which implementation serves which port.
 */
@Configuration
@EnableConfigurationProperties({DecisionProperties.class, StorageProperties.class, SupervisionProperties.class,
        DryRunProperties.class})
public class UseCaseConfiguration {

    /** The engine's clock, so use cases and timers agree on "now" (and tests can move both at once). */
    @Bean
    Clock clock() {
        return new EngineClock();
    }

    @Bean
    VerificationMetrics verificationMetrics(MeterRegistry registry, EnabledChannels channels) {
        return new MicrometerVerificationMetrics(registry, channels.names());
    }

    @Bean
    SupervisionGauges supervisionGauges(OpenIncidents incidents, VerificationRepository verifications, DeliveryInbox inbox,
                                        Clock clock, SupervisionProperties supervision) {
        return new SupervisionGauges(incidents, verifications, inbox, clock, supervision.overdueAfter());
    }

    @Bean
    AuditChainGauges auditChainGauges(AuditTrail audit) {
        return new AuditChainGauges(audit);
    }

    @Bean
    StartVerification startVerification(VerificationRepository verifications, CallListDirectory callLists,
                                        VerificationProcess process, CancellationTombstones tombstones, AuditTrail audit,
                                        VerificationMetrics metrics, IntakeProperties intake) {
        return new StartVerification(verifications, callLists, process, tombstones, audit, metrics, intake.tombstoneExpiry());
    }

    @Bean
    ReceiveVerificationRequest receiveVerificationRequest(DeliveryInbox inbox, AlarmClassifier classifier,
                                                          CancellationTombstones tombstones, StartVerification start,
                                                          AuditTrail audit, Clock clock, IntakeProperties intake) {
        return new ReceiveVerificationRequest(inbox, classifier, tombstones, start, audit, clock, intake.tombstoneExpiry());
    }

    @Bean
    NotifyNextContact notifyNextContact(VerificationRepository verifications, ContactNotifier notifier,
                                        ResponseTokenStore tokens, NotificationLog notificationLog, UnitOfWork unitOfWork,
                                        AuditTrail audit, VerificationMetrics metrics, Clock clock,
                                        NotificationProperties notification) {
        requireAttemptsWithinJobRuns(notification.maxAttempts(), NotificationJobRetries.runsInShippedModel());
        return new NotifyNextContact(verifications, notifier, tokens, notificationLog, unitOfWork, audit, metrics, clock,
                notification.linkValidity());
    }

    /**
     * The notifier gives up on a channel after max-attempts failed attempts and reports it down; the engine
     * gives a notification job the runs its retry cycle allows, then raises an incident. More attempts than
     * runs would turn a dead gateway into an incident with no ladder and no operator task.
     */
    static void requireAttemptsWithinJobRuns(int maxAttempts, int jobRuns) {
        if (maxAttempts > jobRuns) {
            throw new InvalidConfigurationPropertyValueException("verification.notification.max-attempts", maxAttempts,
                    "must be at most " + jobRuns + ", the runs the model's notification jobs get"
                            + " (failedJobRetryTimeCycle of \"Notify first contact\" and \"Notify next contact\")");
        }
    }

    @Bean
    RecordDecision recordDecision(VerificationRepository verifications, DeliveryInbox inbox, VerificationProcess process,
                                  AuditTrail audit, Clock clock, DecisionProperties properties) {
        return new RecordDecision(verifications, inbox, process, audit, clock, properties.allowedClockSkew());
    }

    @Bean
    AcceptDecision acceptDecision(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics,
                                  Clock clock, AlarmValidationTables validationTables, NotificationLog notifications) {
        return new AcceptDecision(verifications, audit, metrics, clock, validationTables, notifications);
    }

    @Bean
    SubmitDecision submitDecision(VerificationRepository verifications, ChektGateway chekt, AuditTrail audit,
                                  VerificationMetrics metrics, Clock clock) {
        return new SubmitDecision(verifications, chekt, audit, metrics, clock);
    }

    @Bean
    CancelVerification cancelVerification(VerificationRepository verifications, VerificationProcess process,
                                          CancellationTombstones tombstones, AuditTrail audit, VerificationMetrics metrics,
                                          Clock clock) {
        return new CancelVerification(verifications, process, tombstones, audit, metrics, clock);
    }

    @Bean
    CancelBySupervisor cancelBySupervisor(VerificationRepository verifications, AuditTrail audit,
                                          VerificationMetrics metrics, Clock clock) {
        return new CancelBySupervisor(verifications, audit, metrics, clock);
    }

    @Bean
    RecordAgencyCall recordAgencyCall(AuditTrail audit, Clock clock) {
        return new RecordAgencyCall(audit, clock);
    }

    @Bean
    RecordOperatorTask recordOperatorTask(OperatorTaskLog tasks, AuditTrail audit, Clock clock) {
        return new RecordOperatorTask(tasks, audit, clock);
    }

    @Bean
    CloseUnverified closeUnverified(VerificationRepository verifications, AuditTrail audit, VerificationMetrics metrics,
                                    Clock clock) {
        return new CloseUnverified(verifications, audit, metrics, clock);
    }

    @Bean
    RecordEscalation recordEscalation(AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        return new RecordEscalation(audit, metrics, clock);
    }

    @Bean
    ManageCallLists manageCallLists(CallListDirectory callLists, ChektContactSource chektContacts) {
        return new ManageCallLists(callLists, chektContacts);
    }

    @Bean
    ResponseLinks responseLinks(ResponseTokenStore tokens, VerificationRepository verifications,
                                RecordDecision recordDecision, Clock clock) {
        return new ResponseLinks(tokens, verifications, recordDecision, clock);
    }

    @Bean
    VerificationQueries verificationQueries(VerificationRepository verifications, DeliveryInbox inbox,
                                            StoredDeliveryReader reader, CallListDirectory callLists, AuditTrail audit) {
        return new VerificationQueries(verifications, inbox, reader, callLists, audit);
    }

    @Bean
    AssembleEvidencePack assembleEvidencePack(VerificationRepository verifications, NotificationLog notifications,
                                              PhoneCalls calls, AuditTrail audit, Clock clock) {
        return new AssembleEvidencePack(verifications, notifications, calls, audit, clock);
    }

    @Bean
    AnswerPhoneCall answerPhoneCall(PhoneCalls calls, VerificationRepository verifications, RecordDecision recordDecision,
                                    AuditTrail audit, Clock clock) {
        return new AnswerPhoneCall(calls, verifications, recordDecision, audit, clock);
    }

    @Bean
    RecordCallProgress recordCallProgress(PhoneCalls calls, VerificationRepository verifications,
                                          VerificationProcess process, AuditTrail audit, VerificationMetrics metrics) {
        return new RecordCallProgress(calls, verifications, process, audit, metrics);
    }

    @Bean
    DryRunPolicy dryRunPolicy(CandidatePolicies candidatePolicies, AuditTrail audit, Clock clock, DryRunProperties dryRun) {
        return new DryRunPolicy(candidatePolicies, audit, clock, dryRun.maxSteps());
    }
}
