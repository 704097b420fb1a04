package com.centralstation.verification.workflow.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.port.out.NotificationFailedException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.Set;

/**
 * Demotes the engine's own report of a job that failed in an expected way (CHeKT unavailable or refusing, a channel
 * down for now) to one DEBUG line without stack trace. Each such failure already has its one WARN line, written
 * where the verification and the attempt are known (the submission delegate, the contact notifier); Camunda adds
 * ENGINE-16004 at ERROR and ENGINE-14006 at WARN, each with the whole stack trace, for every retry. An unexpected
 * failure keeps the engine's lines and its stack trace.
 *
 * <p>A Logback turbo filter, installed while the engine's Spring context lives (Spring Boot resets Logback when an
 * application starts, so the bean installs it again each time).
 */
public class ExpectedJobFailureLogs extends TurboFilter implements InitializingBean, DisposableBean {

    /** Camunda's loggers of ENGINE-16xxx (command context) and ENGINE-14xxx (job executor). */
    static final Set<String> ENGINE_LOGGERS = Set.of("org.camunda.bpm.engine.context", "org.camunda.bpm.engine.jobexecutor");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null
                || !ENGINE_LOGGERS.contains(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable failure = t != null ? t : MessageFormatter.getThrowableCandidate(params);
        if (!isExpected(failure)) {
            return FilterReply.NEUTRAL;
        }
        if (logger.isDebugEnabled()) {
            logger.debug(MessageFormatter.basicArrayFormat(format, MessageFormatter.trimmedCopy(params)));
        }
        return FilterReply.DENY;
    }

    /** A failure the service expects and retries on its own: its cause chain holds one of the port's exceptions. */
    static boolean isExpected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ChektGatewayException || cause instanceof NotificationFailedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !context.getTurboFilterList().contains(this)) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }
}
