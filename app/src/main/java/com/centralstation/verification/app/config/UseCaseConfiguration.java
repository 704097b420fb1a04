package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.notification.NotificationProperties;
import com.centralstation.verification.app.metrics.MicrometerVerificationMetrics;
import com.centralstation.verification.core.port.out.AlarmValidationTables;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.CandidatePolicies;
import com.centralstation.verification.core.port.out.ChektContactSource;
import com.centralstation.verification.core.port.out.ChektGateway;
import com.centralstation.verification.core.port.out.ContactNotifier;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.port.out.VerificationProcess;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.usecase.AcceptDecision;
import com.centralstation.verification.core.usecase.AssembleEvidencePack;
import com.centralstation.verification.core.usecase.CancelVerification;
import com.centralstation.verification.core.usecase.CloseUnverified;
import com.centralstation.verification.core.usecase.DryRunPolicy;
import com.centralstation.verification.core.usecase.ManageCallLists;
import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.core.usecase.ReceiveVerificationRequest;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.core.usecase.RecordEscalation;
import com.centralstation.verification.core.usecase.ResponseLinks;
import com.centralstation.verification.core.usecase.SubmitDecision;
import com.centralstation.verification.core.usecase.VerificationQueries;
import com.centralstation.verification.workflow.engine.EngineClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Assembles core's use cases from the ports the adapters and the workflow provide. Core stays free of
 * Spring; this is the one place that knows which implementation serves which port.
 */
@Configuration
@EnableConfigurationProperties({DecisionProperties.class, StorageProperties.class})
public class UseCaseConfiguration {

    /** The engine's clock, so use cases and timers agree on "now" (and tests can move both at once). */
    @Bean
    Clock clock() {
        return new EngineClock();
    }

    @Bean
    VerificationMetrics verificationMetrics(MeterRegistry registry) {
        return new MicrometerVerificationMetrics(registry);
    }

    @Bean
    ReceiveVerificationRequest receiveVerificationRequest(VerificationRepository verifications, CallListDirectory callLists,
                                                          VerificationProcess process, AuditTrail audit, Clock clock) {
        return new ReceiveVerificationRequest(verifications, callLists, process, audit, clock);
    }

    @Bean
    NotifyNextContact notifyNextContact(VerificationRepository verifications, ContactNotifier notifier,
                                        ResponseTokenStore tokens, AuditTrail audit, Clock clock,
                                        NotificationProperties notification) {
        return new NotifyNextContact(verifications, notifier, tokens, audit, clock, notification.linkValidity());
    }

    @Bean
    RecordDecision recordDecision(VerificationRepository verifications, VerificationProcess process, AuditTrail audit,
                                  Clock clock, DecisionProperties properties) {
        return new RecordDecision(verifications, process, audit, clock, properties.allowedClockSkew());
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
                                          AuditTrail audit, VerificationMetrics metrics, Clock clock) {
        return new CancelVerification(verifications, process, audit, metrics, clock);
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
    VerificationQueries verificationQueries(VerificationRepository verifications, AuditTrail audit) {
        return new VerificationQueries(verifications, audit);
    }

    @Bean
    AssembleEvidencePack assembleEvidencePack(VerificationRepository verifications, NotificationLog notifications,
                                              AuditTrail audit, Clock clock) {
        return new AssembleEvidencePack(verifications, notifications, audit, clock);
    }

    @Bean
    DryRunPolicy dryRunPolicy(CandidatePolicies candidatePolicies, AuditTrail audit, Clock clock) {
        return new DryRunPolicy(candidatePolicies, audit, clock);
    }
}
