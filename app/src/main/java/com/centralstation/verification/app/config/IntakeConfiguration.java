package com.centralstation.verification.app.config;

import com.centralstation.verification.app.inbox.InboxStarter;
import com.centralstation.verification.app.web.webhook.ChektWebhookMapper;
import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import com.centralstation.verification.core.port.out.StoredDeliveryReader;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.port.out.VerificationMetrics;
import com.centralstation.verification.core.usecase.DeliveryQuarantine;
import com.centralstation.verification.core.usecase.IntakeHousekeeping;
import com.centralstation.verification.core.usecase.ReceiveChektDelivery;
import com.centralstation.verification.core.usecase.StartReceivedVerifications;
import com.centralstation.verification.core.usecase.StartVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.util.List;

/**
 * The intake of CHeKT's deliveries: the use case with its event handlers (every {@link ReceiveChektDelivery.EventHandler}
 * bean, each naming the event types it takes), the starter of the requests waiting in the inbox, the quarantine of
 * refused deliveries, and the purge that bounds the quarantine and the tombstones.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties({IntakeProperties.class, InboxProperties.class})
public class IntakeConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    private final IntakeProperties properties;
    private final CancellationTombstones tombstones;
    private final RefusedDeliveries refused;
    private final Clock clock;

    public IntakeConfiguration(IntakeProperties properties, CancellationTombstones tombstones, RefusedDeliveries refused,
                               Clock clock) {
        this.properties = properties;
        this.tombstones = tombstones;
        this.refused = refused;
        this.clock = clock;
    }

    @Bean
    ReceiveChektDelivery receiveChektDelivery(UnitOfWork unitOfWork, DeliveryInbox inbox,
                                              List<ReceiveChektDelivery.EventHandler> handlers, AuditTrail audit) {
        return new ReceiveChektDelivery(unitOfWork, inbox, handlers, audit, clock);
    }

    /** The inbox keeps a request's bytes as they came; the starter reads them as the webhook did. */
    @Bean
    StoredDeliveryReader storedDeliveryReader(ChektWebhookMapper mapper) {
        return mapper::delivery;
    }

    @Bean
    StartReceivedVerifications startReceivedVerifications(UnitOfWork unitOfWork, DeliveryInbox inbox,
                                                          StoredDeliveryReader reader, StartVerification start,
                                                          DeliveryQuarantine quarantine, AuditTrail audit,
                                                          InboxProperties inboxProperties) {
        return new StartReceivedVerifications(unitOfWork, inbox, reader, start, quarantine, audit, clock,
                inboxProperties.batchSize(), inboxProperties.maxAttempts());
    }

    @Bean
    InboxStarter inboxStarter(StartReceivedVerifications starts, InboxProperties inboxProperties) {
        return new InboxStarter(starts, inboxProperties.pollInterval(), inboxProperties.maxPollInterval(),
                inboxProperties.starterEnabled());
    }

    @Bean
    DeliveryQuarantine deliveryQuarantine(VerificationMetrics metrics) {
        return new DeliveryQuarantine(refused, metrics, clock, properties.quarantineRetention(),
                properties.quarantineMaxEntries());
    }

    @Bean
    IntakeHousekeeping intakeHousekeeping() {
        return new IntakeHousekeeping(tombstones, refused, clock, properties.tombstoneExpiry(),
                properties.quarantineRetention(), properties.quarantineMaxEntries());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        IntakeHousekeeping housekeeping = intakeHousekeeping();
        registrar.addFixedDelayTask(() -> {
            IntakeHousekeeping.Purged purged = housekeeping.purge();
            if (purged.any()) {
                log.info("Purged {} expired tombstones and request markers, {} refused deliveries", purged.signals(),
                        purged.deliveries());
            }
        }, properties.purgeInterval());
    }
}
