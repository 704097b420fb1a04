package com.centralstation.verification.workflow;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.port.out.VerificationProcess.Correlation;
import com.centralstation.verification.workflow.delegate.AcceptDecisionDelegate;
import com.centralstation.verification.workflow.process.CamundaVerificationProcess;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.centralstation.verification.workflow.WorkflowFixture.ANN;
import static com.centralstation.verification.workflow.WorkflowFixture.BEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two decisions for one verification at the same moment, on two threads, each in its own
 * transaction against one database. A barrier inside the accept step holds both transactions open
 * until both have found the waiting process, so the race happens every run.
 */
class ConcurrentDecisionsTest extends WorkflowTestBase {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final CyclicBarrier bothInside = new CyclicBarrier(2);
    private UUID id;

    /** Not a @BeforeEach: the models are deployed only just before the test method runs. */
    private void twoContactsNotified() {
        id = f.waitingVerification("motion", ANN, BEN);
        f.advance(Duration.ofMinutes(2));
        f.executeDueJobs();
        assertThat(f.notifier.contactIdsNotified()).containsExactly(ANN.contactId(), BEN.contactId());
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void twoConcurrentDecisionsProduceExactlyOneSubmission() throws Exception {
        twoContactsNotified();
        AcceptDecisionDelegate accept = new AcceptDecisionDelegate(f.acceptDecision);
        TestEngine.replaceBean(AcceptDecisionDelegate.BEAN_NAME, (JavaDelegate) execution -> {
            bothInside.await(10, TimeUnit.SECONDS);
            accept.execute(execution);
        });
        ContactDecision ann = f.decision(ANN, VerificationAction.DISPATCH);
        ContactDecision ben = f.decision(BEN, VerificationAction.DISREGARD);

        List<Correlation> outcomes = race(() -> f.process.decide(id, ann), () -> f.process.decide(id, ben));

        assertThat(outcomes).containsExactlyInAnyOrder(Correlation.ACCEPTED, Correlation.NOT_WAITING);
        ContactDecision winner = outcomes.get(0) == Correlation.ACCEPTED ? ann : ben;
        TestEngine.replaceBean(AcceptDecisionDelegate.BEAN_NAME, accept);
        f.executeDueJobs();
        assertThat(f.chekt.submitted()).singleElement().satisfies(s -> assertThat(s.decision()).isEqualTo(winner));
        assertThat(f.record(id).decision()).contains(winner);
        assertThat(f.decisionSubscriptions(id)).isZero();
    }

    @Test
    void anOptimisticLockingConflictIsRetriedAndThenReportedAsNotWaiting() throws Exception {
        twoContactsNotified();
        // no claim in our repository this time: the engine's own row versions decide which message wins
        TestEngine.replaceBean(AcceptDecisionDelegate.BEAN_NAME, (JavaDelegate) execution -> bothInside.await(10, TimeUnit.SECONDS));

        List<Correlation> outcomes = race(
                () -> f.process.decide(id, f.decision(ANN, VerificationAction.DISPATCH)),
                () -> f.process.decide(id, f.decision(BEN, VerificationAction.DISREGARD)));

        assertThat(outcomes).containsExactlyInAnyOrder(Correlation.ACCEPTED, Correlation.NOT_WAITING);
    }

    @Test
    void withoutRetriesTheConflictWouldReachTheCaller() throws Exception {
        twoContactsNotified();
        TestEngine.replaceBean(AcceptDecisionDelegate.BEAN_NAME, (JavaDelegate) execution -> bothInside.await(10, TimeUnit.SECONDS));
        CamundaVerificationProcess noRetry = new CamundaVerificationProcess(f.engine.getRuntimeService(),
                f.engine.getManagementService(), TestEngine.FIRST_NOTIFICATIONS, 1, Duration.ZERO, Duration.ofSeconds(1));

        List<Future<Correlation>> futures = List.of(
                threads.submit(() -> noRetry.decide(id, f.decision(ANN, VerificationAction.DISPATCH))),
                threads.submit(() -> noRetry.decide(id, f.decision(BEN, VerificationAction.DISREGARD))));
        List<Object> outcomes = new ArrayList<>();
        for (Future<Correlation> future : futures) {
            try {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException failed) {
                outcomes.add(failed.getCause().getClass());
            }
        }

        assertThat(outcomes).containsExactlyInAnyOrder(Correlation.ACCEPTED, OptimisticLockingException.class);
    }

    private List<Correlation> race(Callable<Correlation> first, Callable<Correlation> second) throws Exception {
        Future<Correlation> a = threads.submit(first);
        Future<Correlation> b = threads.submit(second);
        return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
    }
}
