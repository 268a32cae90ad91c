package dev.migrateops.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.migrateops.config.MissingSettingException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of sandbox mode: an embedded one that lives as long as the bot, or the configured
 * datasource's server. Either way it holds a database per demo target, created and loaded with the demo
 * shop the first time.
 */
final class SandboxPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxPostgres.class);

    private final EmbeddedPostgres embedded;
    private final SandboxProperties settings;

    private SandboxPostgres(EmbeddedPostgres embedded, SandboxProperties settings) {
        this.embedded = embedded;
        this.settings = settings;
    }

    static SandboxPostgres start(SandboxProperties settings, DemoShop demo) {
        EmbeddedPostgres embedded = null;
        if (settings.embeddedPort() != null) {
            try {
                embedded = EmbeddedPostgres.builder().setPort(settings.embeddedPort()).start();
            } catch (IOException | RuntimeException e) {
                throw new MissingSettingException("SPRING_DATASOURCE_URL (spring.datasource.url)",
                        "the sandbox's embedded PostgreSQL did not start (" + e.getMessage() + ")",
                        "Start with --sandbox and a PostgreSQL server of your own for the sandbox's store and demo targets;"
                                + " a jar built with -Dlean carries no embedded PostgreSQL.");
            }
        }
        SandboxPostgres postgres = new SandboxPostgres(embedded, settings);
        try {
            postgres.createDemoDatabases(demo);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("cannot prepare the sandbox's demo targets: " + e.getMessage(), e);
        }
        return postgres;
    }

    boolean embedded() {
        return embedded != null;
    }

    String storeUrl() {
        return settings.adminUrl();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void createDemoDatabases(DemoShop demo) throws SQLException {
        String script = demo.script();
        try (Connection admin = DriverManager.getConnection(settings.adminUrl(), credentials())) {
            for (String database : settings.demoDatabases()) {
                if (exists(admin, database)) {
                    log.info("Sandbox: demo database {} is already there; keeping it", database);
                    continue;
                }
                execute(admin, "CREATE DATABASE " + quoted(database));
                try (Connection target = DriverManager.getConnection(settings.databaseUrlPrefix() + database, credentials());
                     Statement statement = target.createStatement()) {
                    statement.execute(script);
                } catch (SQLException e) {
                    // a half-loaded demo database would be kept by the next start
                    execute(admin, "DROP DATABASE " + quoted(database) + " WITH (FORCE)");
                    throw e;
                }
                log.info("Sandbox: created demo database {} with the demo shop", database);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private Properties credentials() {
        Properties credentials = new Properties();
        if (settings.databaseUser() != null) {
            credentials.setProperty("user", settings.databaseUser());
        }
        if (settings.databasePassword() != null && !settings.databasePassword().isEmpty()) {
            credentials.setProperty("password", settings.databasePassword());
        }
        return credentials;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Sandbox: the embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
