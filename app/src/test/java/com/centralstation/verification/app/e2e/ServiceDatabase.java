package com.centralstation.verification.app.e2e;

import com.centralstation.verification.adapters.persistence.testing.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.Arrays;

/**
 * The database the end-to-end tests run on: H2 in memory by default, or a real PostgreSQL when the test JVM
 * runs with the {@code postgres} profile active ({@code -Dspring.profiles.active=postgres}, as the build's
 * {@code e2e-on-postgresql} surefire execution does). The same switch that selects the production profile
 * selects the production database, so the same scenarios prove both.
 */
final class ServiceDatabase {

    static final String H2_URL = "jdbc:h2:mem:service-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    private static TestPostgres.Database postgres;

    private ServiceDatabase() {
    }

    static boolean postgres() {
        return Arrays.asList(System.getProperty("spring.profiles.active", "").split("\\s*,\\s*")).contains("postgres");
    }

    static void register(DynamicPropertyRegistry properties) {
        if (!postgres()) {
            properties.add("spring.datasource.url", () -> H2_URL);
            return;
        }
        TestPostgres.Database database = postgresDatabase();
        properties.add("spring.datasource.url", database::jdbcUrl);
        properties.add("spring.datasource.username", () -> TestPostgres.USER);
        properties.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
    }

    /** One database for the JVM, as the shared Spring context has one datasource. */
    private static synchronized TestPostgres.Database postgresDatabase() {
        if (postgres == null) {
            postgres = TestPostgres.freshDatabase();
        }
        return postgres;
    }
}
