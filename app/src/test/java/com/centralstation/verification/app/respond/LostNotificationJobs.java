package com.centralstation.verification.app.respond;

import com.centralstation.verification.core.port.out.ContactNotifier;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a test lose a notification job between its send and its commit, as a service killed at that moment would: the
 * service's {@link ContactNotifier} is wrapped, and once told to, it throws right after the message has left, so the
 * job's transaction rolls back and the engine runs the job again on the model's retry cycle. What was committed on
 * its own before (the link and the notified contact) and beside it (the notification attempts) stays; nothing else of
 * the job does.
 */
public final class LostNotificationJobs implements BeanPostProcessor {

    private static final AtomicBoolean LOSE_NEXT = new AtomicBoolean();

    /** The next notification job is lost after its message left. */
    public static void loseTheNextJobAfterItsSend() {
        LOSE_NEXT.set(true);
    }

    public static void reset() {
        LOSE_NEXT.set(false);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof ContactNotifier notifier)) {
            return bean;
        }
        return (ContactNotifier) notification -> {
            var result = notifier.notify(notification);
            if (LOSE_NEXT.compareAndSet(true, false)) {
                throw new IllegalStateException("the service stopped between the send and the commit (test)");
            }
            return result;
        };
    }
}
