package dev.migrateops.backup;

/** Something to try on the restored copy before production is touched: the run's pending migrations. */
@FunctionalInterface
public interface Rehearsal {

    /** Returns what happened; throws {@link BackupException} when the rehearsal failed. */
    String rehearse(PgConnection restoredCopy);
}
