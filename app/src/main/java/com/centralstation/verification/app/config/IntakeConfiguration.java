package com.centralstation.verification.app.config;

import com.centralstation.verification.app.intake.DeliveryQuarantine;
import com.centralstation.verification.app.intake.IntakeHousekeeping;
import com.centralstation.verification.app.intake.IntakeProperties;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;

/** The intake's memory: the quarantine of refused deliveries, tombstones, and the purge that bounds both. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeConfiguration implements SchedulingConfigurer {

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
    DeliveryQuarantine deliveryQuarantine(MeterRegistry registry) {
        return new DeliveryQuarantine(refused, registry, clock);
    }

    @Bean
    IntakeHousekeeping intakeHousekeeping() {
        return new IntakeHousekeeping(tombstones, refused, properties, clock);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        IntakeHousekeeping housekeeping = intakeHousekeeping();
        registrar.addFixedDelayTask(housekeeping::purge, properties.purgeInterval());
    }
}
