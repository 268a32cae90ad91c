package dev.migrateops.run;

import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.PgConnection;
import dev.migrateops.backup.Rehearsal;
import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.ApplyResult;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.text.Plural;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Applies a run's approved migrations to the restored copy of its target, before production is touched. */
final class MigrationRehearsal implements Rehearsal {

    private final MigrationEngine engine;
    private final MigrationRun run;

    MigrationRehearsal(MigrationEngine engine, MigrationRun run) {
        this.engine = engine;
        this.run = run;
    }

    @Override
    public String rehearse(PgConnection restoredCopy) {
        TargetProperties original = engine.targets().get(run.target()).settings();
        TargetProperties copy = TargetProperties.of(restoredCopy.jdbcUrl(), original.username(), original.password(),
                original.migrationsDir(), original.incidentChannel(), original.approvalsRequired());
        List<String> expected = run.plan().migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList();
        ApplyRequest request = new ApplyRequest("MigrateOps rehearsal of run " + run.label(), "rehearsal-" + run.id(), null,
                Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse), Optional.of(expected));
        long start = System.nanoTime();
        try (TargetDatabase database = new TargetDatabase(run.target() + "-rehearsal", copy)) {
            ApplyResult result = engine.applyToCopy(run.target(), RunPlanner.revisionOf(run), database, request, ApplyListener.NONE);
            if (!result.success()) {
                throw new BackupException(result.failure().get().describe());
            }
            return Plural.of(result.applied().size(), "migration") + " applied in " + String.format("%.1f s", (System.nanoTime() - start) / 1e9)
                    + " (" + result.applied().stream().map(Migration::label).collect(Collectors.joining(", ")) + ")";
        } catch (RuntimeException e) {
            throw e instanceof BackupException backup ? backup : new BackupException(e.getMessage(), e);
        }
    }
}
