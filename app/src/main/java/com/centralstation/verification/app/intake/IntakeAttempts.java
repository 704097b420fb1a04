package com.centralstation.verification.app.intake;

import org.springframework.transaction.UnexpectedRollbackException;

/**
 * Takes a delivery again when its transaction was rolled back by a concurrent change. A request and its
 * cancellation arriving together can meet in the engine: a conflict there marks the intake's transaction
 * rollback-only even when the engine's own retry then succeeds. Nothing of the rolled-back attempt stays (its
 * inbox row included), so the delivery is taken again in a fresh transaction, as CHeKT would resend it, instead
 * of answering 500.
 */
public final class IntakeAttempts {

    static final int ATTEMPTS = 3;

    private IntakeAttempts() {
    }

    /** @param intake the transactional intake (its proxy), so each attempt is a transaction of its own */
    public static WebhookIntake.Result handle(WebhookIntake intake, ChektEvent event, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return intake.handle(event, body);
            } catch (UnexpectedRollbackException concurrentChange) {
                if (attempt >= ATTEMPTS) {
                    throw concurrentChange;
                }
            }
        }
    }
}
