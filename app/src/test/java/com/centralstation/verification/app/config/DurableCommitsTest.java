package com.centralstation.verification.app.config;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that acknowledges commits it may still lose never runs the service, unless the operator says so. */
class DurableCommitsTest {

    private static final String SHIPPED = "jdbc:h2:file:./data/alarm-verification;WRITE_DELAY=0;CACHE_SIZE=65536;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    @ParameterizedTest
    @ValueSource(strings = {SHIPPED, "jdbc:h2:./data/av;write_delay=0", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
            "jdbc:h2:tcp://db.example/av;WRITE_DELAY=0;LOG=2"})
    void anH2UrlThatWritesEveryCommitBeforeAcknowledgingItPasses(String url) {
        assertThat(DurableCommits.h2Problem(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:/srv/av/alarm-verification", "jdbc:h2:file:/srv/av/av;WRITE_DELAY=500",
            "jdbc:h2:~/av;CACHE_SIZE=65536", "jdbc:h2:file:/srv/av/av;WRITE_DELAY=0;LOG=0"})
    void anH2FileUrlThatDefersCommitsIsRefused(String url) {
        assertThatThrownBy(() -> DurableCommits.check(null, url, false))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("spring.datasource.url")
                .hasMessageContaining("verification.durability.allow-deferred-commits");
    }

    @Test
    void theRefusalSaysWhatIsMissing() {
        assertThat(DurableCommits.h2Problem("jdbc:h2:file:/srv/av/alarm-verification;CACHE_SIZE=65536"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("WRITE_DELAY=0").contains("500 ms"));
    }

    @Test
    void theOperatorMayAcceptDeferredCommitsExplicitly() {
        assertThatCode(() -> DurableCommits.check(null, "jdbc:h2:file:/srv/av/alarm-verification", true)).doesNotThrowAnyException();
    }

    @Test
    void postgresqlSessionsWithSynchronousCommitOffAreRefused() {
        try (HikariDataSource deferring = postgres("-c synchronous_commit=off");
             HikariDataSource durable = postgres("-c lock_timeout=10s")) {
            assertThatThrownBy(() -> DurableCommits.check(deferring, deferring.getJdbcUrl(), false))
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("spring.datasource.url")
                    .hasMessageContaining("synchronous_commit=off");
            assertThatCode(() -> DurableCommits.check(durable, durable.getJdbcUrl(), false)).doesNotThrowAnyException();
        }
    }

    private static HikariDataSource postgres(String options) {
        TestPostgres.Database database = TestPostgres.freshDatabase();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(TestPostgres.USER);
        dataSource.setPassword(TestPostgres.PASSWORD);
        dataSource.addDataSourceProperty("options", options);
        dataSource.setMaximumPoolSize(1);
        return dataSource;
    }
}
