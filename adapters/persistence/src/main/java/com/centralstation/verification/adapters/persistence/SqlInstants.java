package com.centralstation.verification.adapters.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in and out of TIMESTAMP WITH TIME ZONE columns. PostgreSQL keeps microseconds and would
 * round finer values (possibly into the future, e.g. a decision time); we truncate instead, the same
 * way on every database, so what is read back is exactly what was written, to the microsecond.
 */
final class SqlInstants {

    private SqlInstants() {
    }

    static OffsetDateTime toSql(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant fromSql(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
