package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import java.time.Duration;

/** Hears what the runner does, as it happens: the Slack thread and the audit trail listen here. */
public interface ApplyListener {

    ApplyListener NONE = new ApplyListener() {
    };

    /** The apply holds this backend on the target; {@code pg_cancel_backend(pid)} stops its statement. */
    default void sessionStarted(int backendPid) {
    }

    /** MigrateOps took what the team's own tool's history table says as applied (first contact). */
    default void historyAdopted(String table, java.util.List<Migration> migrations) {
    }

    default void migrationStarted(Migration migration) {
    }

    default void statementExecuted(StatementEvent event) {
    }

    /** A lock was not granted within lock_timeout; the work is retried after {@code wait}. */
    default void lockTimeoutRetry(String version, int retry, Duration wait) {
    }

    /** How far long work of the change is that the engine itself waits on (replicas catching up). */
    default void progressed(String version, Progress progress) {
    }

    /** An invalid index left by an interrupted CONCURRENTLY build was dropped. */
    default void invalidIndexDropped(String version, String index) {
    }

    default void migrationFinished(Migration migration, ScriptOutcome outcome) {
    }

    /**
     * Asked before every statement and every retry: true stops the script there, as if its statement had
     * been cancelled (SQLSTATE 57014). Covers the moments when pg_cancel_backend has nothing to cancel.
     */
    default boolean cancelled() {
        return false;
    }
}
