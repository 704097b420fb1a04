package com.centralstation.verification.app.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.centralstation.verification.workflow.engine.StorageFailure;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.Optional;

/**
 * Holds back the warnings and errors that carry a storage failure while an outage is under way, and counts them into
 * it: the engine logs a stack trace for every job and every poll of its job executor that fails, once a second or
 * more, for as long as the disk is full. {@link StorageOutage} says it instead, once a minute. A storage failure
 * logged while no outage is known passes (it is the first news of it) and asks for a heartbeat at once, which starts
 * the outage if a write indeed fails.
 *
 * <p>Installed into Logback (Spring Boot's logging) while the application runs; with another logging backend the
 * failures are simply logged as they come.
 */
final class StorageFailureLogFilter extends TurboFilter {

    private final StorageOutage outage;
    private final Runnable checkNow;

    StorageFailureLogFilter(StorageOutage outage, Runnable checkNow) {
        this.outage = outage;
        this.checkNow = checkNow;
        setName("storage-failure-log-filter");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger.getName().equals(StorageOutage.class.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t != null ? t : lastThrowable(params);
        if (failure == null) {
            return FilterReply.NEUTRAL;
        }
        Optional<StorageFailure> storage = StorageFailure.in(failure);
        if (storage.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        if (outage.current().isEmpty()) {
            checkNow.run();
            return FilterReply.NEUTRAL;
        }
        outage.failed(storage.get());
        return FilterReply.DENY;
    }

    /** SLF4J takes a throwable as the last argument after the message's parameters. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable throwable
                ? throwable : null;
    }

    /** Adds this filter to Logback, if Logback is the logging backend; returns whether it was. */
    boolean install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
            return true;
        }
        return false;
    }

    void uninstall() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
            stop();
        }
    }
}
