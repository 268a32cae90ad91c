package dev.migrateops.backup;

import dev.migrateops.engine.Progress;

/** Hears a backup's progress, for the run's thread. */
public interface BackupListener {

    BackupListener NONE = progress -> {
    };

    /** How much pg_dump has written, every few seconds of a long dump, and once when it is done. */
    void progressed(Progress progress);
}
