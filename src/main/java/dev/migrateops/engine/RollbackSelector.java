package dev.migrateops.engine;

import dev.migrateops.catalog.MigrationVersion;

/**
 * Which applied migrations to roll back: those of one run, those after a version, or the last one.
 *
 * @param runId when set, every migration that run applied
 * @param after when set, every migration newer than this version
 */
public record RollbackSelector(String runId, MigrationVersion after) {

    public static RollbackSelector last() {
        return new RollbackSelector(null, null);
    }

    public static RollbackSelector run(String runId) {
        return new RollbackSelector(runId, null);
    }

    public static RollbackSelector after(MigrationVersion version) {
        return new RollbackSelector(null, version);
    }
}
