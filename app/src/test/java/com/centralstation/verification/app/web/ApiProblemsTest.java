package com.centralstation.verification.app.web;

import com.centralstation.verification.app.storage.StorageOutage;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The last-resort answers: a pool that had no connection free for its whole wait is an overload that passes, so 503
 * with {@code Retry-After} however deep the engine or Spring wrapped it; anything else unexpected stays a 500.
 */
class ApiProblemsTest {

    /** What HikariCP throws when its connection timeout passes with every connection in use. */
    private static final SQLTransientConnectionException POOL_TIMEOUT = new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=28, active=28, idle=0, waiting=12)");

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ApiProblems(new StorageOutage(Clock.systemUTC()))).build();

    @Test
    void aPoolWithNoConnectionFreeThroughSpringJdbcIs503WithRetryAfter() throws Exception {
        mvc.perform(post("/fail/spring-jdbc"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().string("Retry-After", String.valueOf(ApiProblems.RETRY_BUSY_AFTER.toSeconds())))
                .andExpect(jsonPath("$.title").value("Service busy"))
                .andExpect(jsonPath("$.detail").value(containsString("send it again in 5 seconds")));
    }

    @Test
    void aPoolWithNoConnectionFreeDeepInTheEngineIs503Too() throws Exception {
        mvc.perform(post("/fail/engine"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.title").value("Service busy"));
    }

    @Test
    void anythingElseUnexpectedStaysA500WithoutItsMessage() throws Exception {
        mvc.perform(post("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.detail").value(not(containsString("secret internals"))));
    }

    @RestController
    static class Failing {

        @PostMapping("/fail/spring-jdbc")
        void springJdbc() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMEOUT);
        }

        @PostMapping("/fail/engine")
        void engine() {
            throw new ProcessEngineException("ENGINE-03083 Exception while executing Batch Database Operations",
                    new IllegalStateException("flush failed", new CannotGetJdbcConnectionException("no connection", POOL_TIMEOUT)));
        }

        @PostMapping("/fail/bug")
        void bug() {
            throw new IllegalStateException("secret internals");
        }
    }
}
