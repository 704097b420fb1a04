package com.centralstation.verification.app.storage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class H2FileGaugesTest {

    @TempDir
    Path dir;

    @Test
    void anH2FileShowsItsSizeFillAndBytesWritten() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("gauged") + ";WRITE_DELAY=0");
        try (Connection open = dataSource.getConnection(); Statement statement = open.createStatement()) {
            statement.execute("CREATE TABLE filler (id INT PRIMARY KEY, payload VARCHAR(1000))");
            for (int i = 0; i < 200; i++) {
                statement.execute("INSERT INTO filler VALUES (" + i + ", REPEAT('x', 1000))");
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();

            new H2FileGauges(dataSource).bindTo(registry);

            double size = registry.get("verification.h2.file.size").gauge().value();
            assertThat(size).isEqualTo((double) Files.size(dir.resolve("gauged.mv.db")));
            assertThat(registry.get("verification.h2.file.fill").gauge().value()).isBetween(0.01, 1.0);
            assertThat(registry.get("verification.h2.chunks.live").gauge().value()).isBetween(0.01, 1.0);
            assertThat(registry.get("verification.h2.file.written").functionCounter().count()).isGreaterThan(200_000);
        }
    }

    @Test
    void aDatabaseInMemoryRegistersNothing() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:gauges-test;DB_CLOSE_DELAY=-1");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new H2FileGauges(dataSource).bindTo(registry);

        assertThat(registry.getMeters()).isEmpty();
    }
}
