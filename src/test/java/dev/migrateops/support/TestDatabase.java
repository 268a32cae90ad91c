package dev.migrateops.support;

import dev.migrateops.config.TargetProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A fresh database on the test server, dropped on close. */
public record TestDatabase(PostgresServer server, String name) implements AutoCloseable {

    public static final Path DEMO = Path.of("migrations", "demo");

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    public TargetProperties target(Path migrationsDir, int approvalsRequired) {
        return TargetProperties.of(jdbcUrl(), server.user(), server.password(), migrationsDir, "#db-changes",
                approvalsRequired);
    }

    /** Loads the demo shop of {@code migrations/demo}: the schema the example migrations expect. */
    public TestDatabase withDemoShop() {
        execute(read(DEMO.resolve("schema.sql")));
        execute(read(DEMO.resolve("data.sql")));
        return this;
    }

    public void execute(String sql) {
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> column(String query) {
        try (Connection conn = connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String query) {
        return Long.parseLong(column(query).get(0));
    }

    /** The schema as pg_dump prints it, without MigrateOps' own history: for before/after comparisons. */
    public String schemaDump() {
        ClientTools.assumeTheyCanDump(server);
        List<String> command = List.of("pg_dump", "--schema-only", "--no-owner", "--exclude-schema=migrateops",
                "-h", server.host(), "-p", String.valueOf(server.port()), "-U", server.user(), name);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (server.password() != null) {
                builder.environment().put("PGPASSWORD", server.password());
            }
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump failed: " + out);
            }
            // pg_dump writes a random \restrict key into every dump; it is not schema
            return out.lines().filter(l -> !l.startsWith("-- Dumped") && !l.matches("\\\\(un)?restrict .*"))
                    .reduce("", (a, b) -> a + b + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes this database refuse new connections and drops the open ones, as a failover or a restart of its
     * server does; or lets it accept them again.
     */
    public void acceptConnections(boolean accepts) {
        try (Connection admin = server.connect(server.adminDatabase()); java.sql.Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accepts);
            if (!accepts) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.drop(name);
    }
}
