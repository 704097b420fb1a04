package com.centralstation.verification.app.respond;

import com.centralstation.verification.core.port.out.VerificationProcess;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a test make the next decision fail on its way into the engine, as a database or engine failure
 * would: the workflow's {@link VerificationProcess} is wrapped, and only {@code decide} can be told to throw,
 * once. Everything else passes straight through.
 */
public final class FailingDecisions implements BeanPostProcessor {

    private static final AtomicReference<RuntimeException> NEXT = new AtomicReference<>();

    /** The next decision throws this instead of reaching the engine. */
    public static void failNextDecision(RuntimeException failure) {
        NEXT.set(failure);
    }

    public static void reset() {
        NEXT.set(null);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof VerificationProcess process)) {
            return bean;
        }
        return Proxy.newProxyInstance(VerificationProcess.class.getClassLoader(), new Class<?>[]{VerificationProcess.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("decide")) {
                        RuntimeException failure = NEXT.getAndSet(null);
                        if (failure != null) {
                            throw failure;
                        }
                    }
                    try {
                        return method.invoke(process, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
