package com.centralstation.verification.app.storage;

import com.centralstation.verification.app.e2e.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a clean stop the H2 housekeeping and the heartbeat stop last: Spring stops lifecycles from the highest phase down
 * and waits for each, so theirs must lie below the web server's (its graceful shutdown and its stop) and below the
 * task executors', whose stop lets the job executor's threads finish their running jobs. Only then does nothing write
 * any more while the housekeeping rewrites for the last time; the datasource closes after every lifecycle.
 */
class StorageLifecycleTest extends ServiceTest {

    @Autowired
    ApplicationContext context;

    @Test
    void housekeepingAndHeartbeatStopAfterTheWebServerAndTheJobExecutorHaveDrained() {
        int webServerDraining = phaseOf("webServerGracefulShutdown");
        int webServerStopping = phaseOf("webServerStartStop");
        // the Camunda starter's pool of job-executor threads (Spring's ThreadPoolTaskExecutor)
        int jobExecutorDraining = phaseOf("camundaTaskExecutor");

        for (String storage : new String[]{"h2Housekeeping", "storageWatch"}) {
            assertThat(phaseOf(storage)).as("%s's phase", storage)
                    .isLessThan(webServerDraining)
                    .isLessThan(webServerStopping)
                    .isLessThan(jobExecutorDraining);
        }
    }

    private int phaseOf(String bean) {
        return context.getBean(bean, SmartLifecycle.class).getPhase();
    }
}
