package dev.migrateops.backup;

/** Hears a backup's progress, for the run's thread. */
public interface BackupListener {

    BackupListener NONE = bytes -> {
    };

    /** pg_dump has written this many bytes so far (reported every 30 s on long dumps). */
    void written(long bytes);
}
