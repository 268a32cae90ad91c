package dev.migrateops.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrateops.config.ConnectionDescriptions;
import dev.migrateops.config.TargetProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database MigrateOps deploys to. Its small connection pool opens on first use, so a target that is
 * down does not stop the bot from starting.
 */
public final class TargetDatabase implements AutoCloseable {

    private final String name;
    private final TargetProperties settings;
    private final String applicationName;
    private HikariDataSource pool;

    public TargetDatabase(String name, TargetProperties settings) {
        this(name, settings, "migrateops");
    }

    /** @param applicationName what its sessions are called in {@code pg_stat_activity}: the instance's name */
    public TargetDatabase(String name, TargetProperties settings, String applicationName) {
        this.name = name;
        this.settings = settings;
        this.applicationName = applicationName;
    }

    /** The {@code application_name} of this instance's sessions here. */
    public String applicationName() {
        return applicationName;
    }

    public String name() {
        return name;
    }

    public TargetProperties settings() {
        return settings;
    }

    public Path migrationsDir() {
        return settings.migrationsDir();
    }

    /** Host, port and database: what may be shown to people. */
    public String description() {
        return ConnectionDescriptions.describe(settings.jdbcUrl());
    }

    /**
     * A pooled session. While the pool holds none (the first use, or after the target was away), one direct attempt
     * comes first, so that what stands in the way is said at once and by name — a wrong or missing password, a refused
     * port, an unknown host, a database that does not exist — rather than as the pool's "request timed out" seconds later.
     */
    public Connection connection() throws SQLException {
        HikariDataSource pool = pool();
        if (pool.getHikariPoolMXBean() == null || pool.getHikariPoolMXBean().getTotalConnections() == 0) {
            try (Connection probe = java.sql.DriverManager.getConnection(settings.jdbcUrl(),
                    session(settings.username(), settings.password(), applicationName))) {
                probe.isValid(1);
            } catch (SQLException e) {
                throw new SQLException("cannot connect to " + name + " (" + description() + "): " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return pool.getConnection();
    }

    /**
     * A session as the target's check credential, for previews before approval; not pooled (previews are rare). Throws
     * when none is configured.
     */
    public Connection checkConnection() throws SQLException {
        if (!settings.hasCheckCredential()) {
            throw new SQLException(name + " has no check credential (check-username)");
        }
        return java.sql.DriverManager.getConnection(ConnectionDescriptions.withoutCredentials(settings.jdbcUrl()),
                session(settings.checkUsername(), settings.checkPassword(), applicationName + "/check"));
    }

    /** A direct session's properties: who, named how in pg_stat_activity, and the pool's connect timeout. */
    private java.util.Properties session(String user, String password, String name) {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", name);
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, settings.connectTimeout().toSeconds())));
        return props;
    }

    private synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("target-" + name);
            config.setJdbcUrl(settings.jdbcUrl());
            config.setUsername(settings.username());
            config.setPassword(settings.password());
            config.setMaximumPoolSize(settings.maxPoolSize());
            config.setMinimumIdle(0);
            config.setConnectionTimeout(settings.connectTimeout().toMillis());
            config.setValidationTimeout(settings.validationTimeout().toMillis());
            // fail on use, not at pool creation: the error then reaches the person who asked
            config.setInitializationFailTimeout(-1);
            config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
            config.addDataSourceProperty("ApplicationName", applicationName);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public String toString() {
        return "TargetDatabase[" + name + " " + description() + "]";
    }
}
