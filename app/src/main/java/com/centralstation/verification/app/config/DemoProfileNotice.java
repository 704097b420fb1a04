package com.centralstation.verification.app.config;

import com.centralstation.verification.app.security.AdminUserProperties;
import com.centralstation.verification.app.security.MetricsUserProperties;
import com.centralstation.verification.app.security.StationApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo profile runs on well-known passwords; say so loudly at start-up, with where to log in, so
 * nobody mistakes a demo for a deployment (and nobody has to look the passwords up).
 */
@Component
@Profile("demo")
class DemoProfileNotice implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoProfileNotice.class);

    private final AdminUserProperties admin;
    private final StationApiProperties station;
    private final MetricsUserProperties metrics;
    private final Environment environment;

    DemoProfileNotice(AdminUserProperties admin, StationApiProperties station, MetricsUserProperties metrics,
                      Environment environment) {
        this.admin = admin;
        this.station = station;
        this.metrics = metrics;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.warn("""

                DEMO PROFILE: well-known passwords, never use on a server.
                  Cockpit / Tasklist: {}/camunda/app/  login {} / {}
                  Station API:        {}/api/          login {} / {}
                  Metrics:            {}/actuator/prometheus  login {} / {}
                  Policy dry run:     {}/api/policy/dry-run  a Camunda login in analysts or supervisors ({} / {} as admin)
                """, base, admin.id(), admin.password(), base, station.username(), station.password(),
                base, metrics.username(), metrics.password(), base, admin.id(), admin.password());
    }
}
