package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Verification;
import com.centralstation.verification.core.port.out.VerificationRepository;
import com.centralstation.verification.core.testing.MutableClock;
import com.centralstation.verification.core.testing.TestVerifications;
import com.centralstation.verification.core.usecase.VerificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Base of the contract tests: each concrete subclass names an engine, gets a freshly migrated
 * database of it and the adapters wired by {@link PersistenceConfiguration} exactly as the app wires
 * them, from a DataSource, a transaction manager and a Clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {

    static final Instant START = Instant.parse("2026-05-26T10:21:34.123456Z");
    /** The audit chain's key in every contract test (verification.audit.chain-key). */
    static final String CHAIN_KEY = "contract-test-chain-key-0123456789abcdef";

    private final Engine engine;
    protected final MutableClock clock = new MutableClock(START);
    protected TestDatabase database;
    protected TransactionTemplate transaction;
    private AnnotationConfigApplicationContext context;

    DatabaseContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeAll
    void startDatabase() {
        database = TestDatabase.fresh(engine);
        database.migrate();
        context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("contract", Map.of("verification.audit.chain-key", CHAIN_KEY)));
        context.registerBean(DataSource.class, database::dataSource);
        context.registerBean(PlatformTransactionManager.class, database::transactionManager);
        context.registerBean(Clock.class, () -> clock);
        context.register(PersistenceConfiguration.class);
        context.refresh();
        transaction = new TransactionTemplate(database.transactionManager());
    }

    @BeforeEach
    void emptyTables() {
        database.deleteAllRows();
        clock.set(START);
    }

    @AfterAll
    void stopDatabase() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    <T> T adapter(Class<T> port) {
        return context.getBean(port);
    }

    /** The contract's verification (core's TestVerifications), stored now, for the rows that refer to it. */
    void storeContractVerification() {
        VerificationRequest request = TestVerifications.contractRequest();
        adapter(VerificationRepository.class).add(new Verification(request.chekt(), request.alarm(),
                new CallList(request.contacts()), clock.instant(), AlarmClass.NORMAL));
    }
}
