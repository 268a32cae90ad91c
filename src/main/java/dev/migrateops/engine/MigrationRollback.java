package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.SqlScript;
import dev.migrateops.config.ApplyProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undoes applied migrations by their {@code .down.sql} files, newest first, each in its own transaction
 * together with the removal of its history row. Refuses when any has no down file: that needs a
 * restore from backup.
 */
final class MigrationRollback {

    private final ApplyProperties settings;
    private final Clock clock;
    private final MigrationHistory history = new MigrationHistory();
    private final AdvisoryLock lock = new AdvisoryLock();

    public MigrationRollback(ApplyProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public RollbackPlan plan(String target, MigrationCatalog catalog, List<AppliedMigration> applied,
                             RollbackSelector selector) {
        List<AppliedMigration> chosen = new ArrayList<>();
        for (AppliedMigration row : applied) {
            MigrationVersion version = MigrationVersion.parse(row.version());
            boolean wanted = selector.runId() != null ? selector.runId().equals(row.runId())
                    : selector.after() == null || version.compareTo(selector.after()) > 0;
            if (wanted) {
                chosen.add(row);
            }
        }
        if (selector.runId() == null && selector.after() == null && !chosen.isEmpty()) {
            chosen = List.of(chosen.get(chosen.size() - 1));
        }
        List<RollbackPlan.Step> steps = new ArrayList<>();
        for (int i = chosen.size() - 1; i >= 0; i--) {
            AppliedMigration row = chosen.get(i);
            Optional<SqlScript> down = catalog.find(MigrationVersion.parse(row.version())).flatMap(Migration::down);
            steps.add(new RollbackPlan.Step(row, down));
        }
        return new RollbackPlan(target, steps);
    }

    public RollbackResult rollback(TargetDatabase target, MigrationCatalog catalog, RollbackSelector selector,
                                   ApplyListener listener) throws SQLException {
        try (Connection conn = target.connection(); ChangeSession session = ChangeSession.open(conn, target, "rollback");
             AdvisoryLock.Held held = lock.acquire(conn, target.name());
             BlastRadius radius = new BlastRadius(target::connection, session.pid(),
                     settings.forTarget(target.settings()).blastRadius())) {
            RollbackPlan plan = plan(target.name(), catalog, history.read(conn), selector);
            if (plan.restoreRequired()) {
                throw new RestoreRequiredException(plan);
            }
            Optional<ToolHistory> tool = ToolHistory.of(catalog.layout());
            ScriptRunner runner = new ScriptRunner(settings.forTarget(target.settings()), clock, radius, target::connection);
            List<String> done = new ArrayList<>();
            for (RollbackPlan.Step step : plan.steps()) {
                String version = step.applied().version();
                Optional<Migration> migration = catalog.find(MigrationVersion.parse(version));
                ScriptOutcome outcome = runner.run(conn, version, step.down().get(), c -> {
                    history.delete(c, version);
                    if (tool.isPresent() && migration.isPresent()) {
                        tool.get().recordRolledBack(c, migration.get(), clock.instant());
                    }
                }, listener);
                if (!outcome.success()) {
                    return new RollbackResult(plan, done, outcome.failure());
                }
                done.add(version);
            }
            return new RollbackResult(plan, done, Optional.empty());
        }
    }
}
