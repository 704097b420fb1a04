package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.port.out.AuditTrail;
import com.centralstation.verification.core.port.out.BoardChangeFeed;
import com.centralstation.verification.core.port.out.CallListDirectory;
import com.centralstation.verification.core.port.out.CancellationTombstones;
import com.centralstation.verification.core.port.out.DeliveryInbox;
import com.centralstation.verification.core.port.out.ExpiredRecords;
import com.centralstation.verification.core.port.out.NotificationLog;
import com.centralstation.verification.core.port.out.OperatorBoard;
import com.centralstation.verification.core.port.out.OperatorTaskLog;
import com.centralstation.verification.core.port.out.PhoneCalls;
import com.centralstation.verification.core.port.out.RefusedDeliveries;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.UnitOfWork;
import com.centralstation.verification.core.port.out.VerificationRepository;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The JDBC adapters of core's persistence ports, on the application's DataSource and transaction
 * manager (the same ones the Camunda engine uses, so our rows and the engine's commit together).
 * The schema is migrated by Flyway from {@value #MIGRATIONS}; the beans wait for it when Spring
 * Boot runs Flyway.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditChainProperties.class)
public class PersistenceConfiguration {

    /**
     * Where our Flyway migrations live (our tables only; Camunda manages its own ACT_* tables). It is
     * Flyway's and Spring Boot's default location, so the app needs no {@code spring.flyway.locations}.
     */
    public static final String MIGRATIONS = "classpath:db/migration";

    private final StoredJson json = new StoredJson();

    @Bean
    @DependsOnDatabaseInitialization
    public VerificationRepository jdbcVerificationRepository(DataSource dataSource,
                                                             PlatformTransactionManager transactionManager, Clock clock) {
        return new JdbcVerificationRepository(JdbcClient.create(dataSource), Transactions.underSavepoint(transactionManager),
                json, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public AuditTrail jdbcAuditTrail(DataSource dataSource, PlatformTransactionManager transactionManager,
                                     AuditChainProperties chain, Clock clock) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(JdbcAuditTrail.FETCH_SIZE);
        JdbcAuditTrail trail = new JdbcAuditTrail(JdbcClient.create(dataSource), streaming, Transactions.independent(transactionManager),
                Transactions.readOnly(transactionManager), json, new AuditRowHash(chain.chainKey()), clock);
        trail.completeChains();
        return trail;
    }

    @Bean
    @DependsOnDatabaseInitialization
    public CallListDirectory jdbcCallListDirectory(DataSource dataSource, PlatformTransactionManager transactionManager,
                                                   Clock clock) {
        return new JdbcCallListDirectory(JdbcClient.create(dataSource), new JdbcTemplate(dataSource),
                Transactions.atomic(transactionManager), Transactions.underSavepoint(transactionManager), clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public DeliveryInbox jdbcDeliveryInbox(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcDeliveryInbox(JdbcClient.create(dataSource), Transactions.underSavepoint(transactionManager),
                isPostgres(dataSource));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public CancellationTombstones jdbcCancellationTombstones(DataSource dataSource,
                                                             PlatformTransactionManager transactionManager) {
        return new JdbcCancellationTombstones(JdbcClient.create(dataSource), Transactions.underSavepoint(transactionManager));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public ExpiredRecords jdbcExpiredRecords(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcExpiredRecords(JdbcClient.create(dataSource), Transactions.independent(transactionManager));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public RefusedDeliveries jdbcRefusedDeliveries(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcRefusedDeliveries(JdbcClient.create(dataSource), Transactions.independent(transactionManager), json);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public ResponseTokenStore jdbcResponseTokenStore(DataSource dataSource) {
        return new JdbcResponseTokenStore(JdbcClient.create(dataSource));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public NotificationLog jdbcNotificationLog(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcNotificationLog(JdbcClient.create(dataSource), Transactions.independent(transactionManager));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public OperatorBoard jdbcOperatorBoard(DataSource dataSource) {
        return new JdbcOperatorBoard(JdbcClient.create(dataSource), json);
    }

    @Bean
    @DependsOnDatabaseInitialization
    public OperatorTaskLog jdbcOperatorTaskLog(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcOperatorTaskLog(JdbcClient.create(dataSource), Transactions.underSavepoint(transactionManager));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public BoardChangeFeed jdbcBoardChangeFeed(DataSource dataSource) {
        return new JdbcBoardChangeFeed(JdbcClient.create(dataSource));
    }

    @Bean
    @DependsOnDatabaseInitialization
    public PhoneCalls jdbcPhoneCalls(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new JdbcPhoneCalls(JdbcClient.create(dataSource), Transactions.independent(transactionManager), json);
    }

    @Bean
    public UnitOfWork jdbcUnitOfWork(PlatformTransactionManager transactionManager) {
        return new JdbcUnitOfWork(Transactions.independent(transactionManager));
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the datasource is: " + e.getMessage(), e);
        }
    }

    /**
     * Lets Flyway start on a schema where Camunda already created its tables (the engine may build
     * before Flyway runs): such a schema is baselined at version 0, below our first migration, so
     * every one of ours still runs. An empty schema migrates as usual.
     */
    @Bean
    public FlywayConfigurationCustomizer migrationsBesideCamunda() {
        return flyway -> flyway.baselineOnMigrate(true).baselineVersion("0");
    }
}
