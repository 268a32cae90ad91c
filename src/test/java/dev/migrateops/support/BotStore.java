package dev.migrateops.support;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh bot store for tests that build the bot's parts by hand: migrated by Flyway, pooled, dropped on close. */
public final class BotStore implements AutoCloseable {

    private final TestDatabase database;
    private final HikariDataSource dataSource = new HikariDataSource();

    public BotStore(String purpose) {
        PostgresServer server = PostgresServer.get();
        database = server.createDatabase(purpose);
        Flyway.configure().dataSource(database.jdbcUrl(), server.user(), server.password()).load().migrate();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(server.user());
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(6);
    }

    public TestDatabase database() {
        return database;
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        dataSource.close();
        database.close();
    }
}
