package dev.migrateops.backup;

/** Tells retention which runs may still restore their backup (the run package answers). */
@FunctionalInterface
public interface BackupUsers {

    boolean stillNeeds(long runId);
}
