package com.centralstation.verification.app.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The embedded H2 file as a supervisor watches it: its size, how much of it is in use, how much of the data written
 * into it is still live, and the bytes written (a rate of it is the write load). The figures are H2's own
 * ({@code INFORMATION_SCHEMA.SETTINGS}, {@code info.*}), read once per scrape; nothing is registered unless the
 * datasource is an H2 file.
 */
public final class H2FileGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(H2FileGauges.class);
    /** Several meters of one scrape share one read. */
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private Map<String, Double> figures = Map.of();
    private long readAt;

    public H2FileGauges(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!isH2File()) {
            return;
        }
        gauge(registry, "verification.h2.file.size", "bytes", "Size of the H2 database file", "info.FILE_SIZE", 1);
        gauge(registry, "verification.h2.file.fill", "ratio",
                "Share of the H2 file's space in use (H2's fill rate); the rest is free space H2 reuses", "info.FILL_RATE", 0.01);
        gauge(registry, "verification.h2.chunks.live", "ratio",
                "Share of the data in the H2 file's chunks that is still live; housekeeping rewrites chunks below its fill-rate setting",
                "info.CHUNKS_FILL_RATE", 0.01);
        FunctionCounter.builder("verification.h2.file.written", this, figures -> figures.figure("info.FILE_WRITE_BYTES", 1))
                .description("Bytes H2 has written to its file since the service started (its rate is the write load)")
                .baseUnit("bytes")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description, String setting, double scale) {
        ToDoubleFunction<H2FileGauges> value = figures -> figures.figure(setting, scale);
        Gauge.builder(name, this, value).description(description).baseUnit(unit).strongReference(true).register(registry);
    }

    private synchronized double figure(String setting, double scale) {
        long now = System.nanoTime();
        if (figures.isEmpty() || now - readAt > FRESH_NANOS) {
            figures = read();
            readAt = now;
        }
        Double value = figures.get(setting);
        return value == null ? Double.NaN : value * scale;
    }

    private Map<String, Double> read() {
        Map<String, Double> read = new HashMap<>();
        try {
            jdbc.sql("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%'")
                    .query(row -> {
                        try {
                            read.put(row.getString(1), Double.parseDouble(row.getString(2)));
                        } catch (NumberFormatException notANumber) {
                            // info.VERSION and the like
                        }
                    });
        } catch (DataAccessException unreadable) {
            log.debug("H2 file figures not read: {}", unreadable.toString());
        }
        return read;
    }

    private boolean isH2File() {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
        } catch (SQLException e) {
            log.warn("H2 file gauges not registered: {}", e.toString());
            return false;
        }
    }
}
