package com.centralstation.verification.adapters.persistence;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/** The lines the sealing publishes on {@link AuditChainHeads#LOGGER}, as an off-site log would keep them. */
final class PublishedHeads {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private PublishedHeads(Logger logger) {
        this.logger = logger;
    }

    static PublishedHeads capture() {
        PublishedHeads heads = new PublishedHeads((Logger) LoggerFactory.getLogger(AuditChainHeads.LOGGER));
        heads.lines.start();
        heads.logger.addAppender(heads.lines);
        return heads;
    }

    /** The last line published for the verification. */
    String last(UUID verificationId) {
        List<String> mine = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains(verificationId.toString())).toList();
        return mine.isEmpty() ? "" : mine.get(mine.size() - 1);
    }

    void stop() {
        logger.detachAppender(lines);
        lines.stop();
    }
}
