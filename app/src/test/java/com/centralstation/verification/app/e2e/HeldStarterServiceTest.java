package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.inbox.InboxStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The service with this node's inbox starter held: requests taken in wait in the inbox, and the test starts them
 * ({@code StartReceivedVerifications.startNext()}) when and as it means to.
 */
abstract class HeldStarterServiceTest extends ServiceTest {

    @Autowired
    InboxStarter starter;

    @Autowired
    JdbcTemplate jdbc;

    /** Requests of other tests started first, then this node's starter held, so the test's requests wait. */
    @BeforeEach
    void holdTheStarter() {
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting() == 0);
        starter.stop();
    }

    @AfterEach
    void releaseTheStarter() {
        starter.start();
    }

    /** Requests answered 202 and not started yet. */
    int waiting() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM webhook_delivery WHERE start_rank >= 0", Integer.class);
    }
}
