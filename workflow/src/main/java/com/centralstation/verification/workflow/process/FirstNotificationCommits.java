package com.centralstation.verification.workflow.process;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells a decision waiting on this node that a verification's first notification has committed, so that the decision
 * is delivered the moment the workflow waits for it instead of at its next look. Only this node's commits are told
 * ({@code engine.FirstNotificationSignal}); a first notification sent by another node is seen by looking at its job.
 */
public final class FirstNotificationCommits {

    private final ConcurrentMap<UUID, CompletableFuture<Void>> expected = new ConcurrentHashMap<>();

    /** Call before looking at the job: a commit between the look and the wait then completes the returned future. */
    CompletableFuture<Void> expect(UUID verificationId) {
        return expected.computeIfAbsent(verificationId, id -> new CompletableFuture<>());
    }

    /** The waiter is done, signalled or not. */
    void forget(UUID verificationId, CompletableFuture<Void> commit) {
        expected.remove(verificationId, commit);
    }

    /** Whether a decision on this node waits for the verification's first notification now. */
    public boolean awaited(UUID verificationId) {
        return expected.containsKey(verificationId);
    }

    /** The first notification of the verification has committed on this node. */
    public void committed(UUID verificationId) {
        CompletableFuture<Void> commit = expected.remove(verificationId);
        if (commit != null) {
            commit.complete(null);
        }
    }
}
