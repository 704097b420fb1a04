package com.centralstation.verification.app;

import com.centralstation.verification.adapters.chekt.ChektClientConfiguration;
import com.centralstation.verification.adapters.notification.NotificationConfiguration;
import com.centralstation.verification.adapters.persistence.PersistenceConfiguration;
import com.centralstation.verification.workflow.WorkflowConfiguration;
import com.centralstation.verification.workflow.engine.EngineConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The alarm verification service: the engine, its webapps, our HTTP endpoints and every adapter. */
@SpringBootApplication
@Import({WorkflowConfiguration.class, EngineConfiguration.class, ChektClientConfiguration.class, NotificationConfiguration.class,
        PersistenceConfiguration.class})
public class AlarmVerificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlarmVerificationApplication.class, args);
    }
}
