package dev.migrateops.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A backup file and what is known about it.
 *
 * @param runId        the run it was taken for, or null for an ad-hoc backup
 * @param schemaPath   the schema-only dump taken with it
 * @param rowCounts    rows per table ({@code schema.table}) in the dump's own snapshot
 * @param changeCounts inserts + updates + deletes per table since statistics were reset, at dump time:
 *                     compared later to tell what a restore would lose
 * @param restoreCheck what the verification found, e.g. "row counts match (5 tables)"; null until verified
 * @param stderr       what pg_dump said
 */
public record BackupArtifact(Long id, String target, Long runId, Path path, Path schemaPath, long sizeBytes, String sha256,
                             Map<String, Long> rowCounts, Map<String, Long> changeCounts, Instant createdAt,
                             Instant verifiedAt, String restoreCheck, String stderr) {

    public BackupArtifact withId(long newId) {
        return new BackupArtifact(newId, target, runId, path, schemaPath, sizeBytes, sha256, rowCounts, changeCounts,
                createdAt, verifiedAt, restoreCheck, stderr);
    }

    public BackupArtifact verified(Instant at, String result) {
        return new BackupArtifact(id, target, runId, path, schemaPath, sizeBytes, sha256, rowCounts, changeCounts,
                createdAt, at, result, stderr);
    }

    /** "12.3 MB". */
    public String size() {
        return sizeBytes >= 1 << 30 ? String.format("%.2f GB", sizeBytes / (double) (1L << 30))
                : String.format("%.1f MB", sizeBytes / (double) (1L << 20));
    }
}
