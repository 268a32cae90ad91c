package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Marks the migrations up to a version as applied without running them, for a database that already
 * has that schema from before MigrateOps. Only on a target with no history, like Flyway's baseline.
 */
final class MigrationBaseline {

    private final Clock clock;
    private final MigrationHistory history = new MigrationHistory();
    private final AdvisoryLock lock = new AdvisoryLock();

    public MigrationBaseline(Clock clock) {
        this.clock = clock;
    }

    public List<Migration> baseline(TargetDatabase target, MigrationCatalog catalog, MigrationVersion version,
                                    String actor) throws SQLException {
        List<Migration> marked = catalog.migrations().stream().filter(m -> m.version().compareTo(version) <= 0).toList();
        if (marked.isEmpty()) {
            throw new IllegalArgumentException("no migration in " + catalog.source() + " is at or below " + version);
        }
        try (Connection conn = target.connection(); AdvisoryLock.Held held = lock.acquire(conn, target.name())) {
            history.ensureTable(conn);
            if (!history.read(conn).isEmpty()) {
                throw new IllegalStateException(target.name() + " already has a migration history; baseline is only for a "
                        + "database that predates MigrateOps");
            }
            history.recordUnrun(conn, marked, new ApplyRequest(actor, null, "baseline " + version, Optional.empty()),
                    clock.instant(), catalog.commit().map(c -> c.sha()).orElse(null));
            return marked;
        }
    }
}
