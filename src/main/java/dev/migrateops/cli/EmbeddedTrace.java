package dev.migrateops.cli;

import dev.migrateops.catalog.Migration;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.config.TraceProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.Trace;
import dev.migrateops.trace.TraceConfiguration;
import dev.migrateops.trace.TraceServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The trace for {@code lint --trace} without a target: a throw-away embedded PostgreSQL. The schema the migrations
 * start from (if given) is loaded by an unprivileged role into a database of its own, and the directory's migrations
 * are tried in order on a copy of it — each on top of the ones before it — by another unprivileged role, inside one
 * transaction that is rolled back: files from a pull request never run as a superuser.
 */
final class EmbeddedTrace {

    private static final String SCHEMA_OWNER = "migrateops_lint_schema";

    private EmbeddedTrace() {
    }

    /** The trace; when no embedded PostgreSQL can start (a lean build) or the schema does not load, a trace not run, saying why. */
    static Trace of(List<Migration> migrations, Optional<Path> schema) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String admin = postgres.getJdbcUrl("postgres", "postgres");
            String password = UUID.randomUUID().toString();
            try (Connection conn = DriverManager.getConnection(admin); Statement st = conn.createStatement()) {
                st.execute("CREATE ROLE " + SCHEMA_OWNER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
                st.execute("CREATE DATABASE " + SCHEMA_OWNER + " OWNER " + SCHEMA_OWNER);
            }
            String url = postgres.getJdbcUrl(SCHEMA_OWNER, SCHEMA_OWNER);
            if (schema.isPresent()) {
                try (Connection conn = DriverManager.getConnection(url, SCHEMA_OWNER, password); Statement st = conn.createStatement()) {
                    st.execute(Files.readString(schema.get()));
                } catch (SQLException | IOException e) {
                    return Trace.notRun("the schema " + schema.get() + " did not load: " + e.getMessage());
                }
            }
            TraceProperties settings = new TraceProperties(List.of(), new TraceProperties.Server(admin, "postgres", null), 1);
            try (TraceServers servers = new TraceServers(settings);
                 MigrationTracer tracer = TraceConfiguration.tracer(new BackupProperties(Path.of("backups"), Duration.ofMinutes(5),
                         BackupProperties.Switch.AUTO, BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), ""), settings, servers,
                         Clock.systemUTC());
                 TargetDatabase target = new TargetDatabase("lint", TargetProperties.of(url, SCHEMA_OWNER, password, Path.of("."), null, 0))) {
                return tracer.trace(target, migrations);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return Trace.notRun("no embedded PostgreSQL could start (" + e.getMessage() + "; a build with -Dlean has none): "
                    + "trace on a target with --target instead");
        }
    }
}
