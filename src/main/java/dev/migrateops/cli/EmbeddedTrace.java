package dev.migrateops.cli;

import dev.migrateops.catalog.Migration;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.Trace;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The trace for {@code lint --trace} without a target: a throw-away embedded PostgreSQL, loaded with the
 * schema the migrations start from (if given), on which the directory's migrations are tried in order —
 * each on top of the ones before it — inside one transaction that is rolled back.
 */
final class EmbeddedTrace {

    private EmbeddedTrace() {
    }

    /** The trace; when no embedded PostgreSQL can start (a lean build) or the schema does not load, a trace not run, saying why. */
    static Trace of(List<Migration> migrations, Optional<Path> schema, MigrationTracer tracer) {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            if (schema.isPresent()) {
                try (Connection conn = postgres.getPostgresDatabase().getConnection(); Statement st = conn.createStatement()) {
                    st.execute(Files.readString(schema.get()));
                } catch (SQLException | IOException e) {
                    return Trace.notRun("the schema " + schema.get() + " did not load: " + e.getMessage());
                }
            }
            try (TargetDatabase target = new TargetDatabase("lint", TargetProperties.of(url, "postgres", null, Path.of("."),
                    null, 0))) {
                return tracer.trace(target, migrations);
            }
        } catch (IOException | RuntimeException e) {
            return Trace.notRun("no embedded PostgreSQL could start (" + e.getMessage() + "; a build with -Dlean has none): "
                    + "trace on a target with --target instead");
        }
    }
}
