package dev.migrateops.engine;

import java.time.Instant;

/**
 * A row of the target's history table {@code migrateops.schema_history}.
 *
 * @param success false when a non-transactional migration stopped part-way; it stays pending
 * @param error   what stopped it, when it failed
 * @param commit  the git commit its file was read from; null for a directory
 */
public record AppliedMigration(String version, String name, String checksum, String appliedBy, String runId,
                               String reason, Instant startedAt, Instant finishedAt, long executionMs,
                               boolean success, String error, String commit) {
}
