package dev.migrateops.backup;

import dev.migrateops.engine.TableCounts;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Backup artifacts in the bot's database. */
public class BackupStore {

    private static final String COLUMNS = "id, target, run_id, path, schema_path, size_bytes, sha256, row_counts::text,"
            + " change_counts::text, created_at, verified_at, restore_check, pg_dump_stderr";

    private final JdbcClient jdbc;

    public BackupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public BackupArtifact save(BackupArtifact backup) {
        long id = jdbc.sql("INSERT INTO backups (target, run_id, path, schema_path, size_bytes, sha256, row_counts, change_counts,"
                        + " created_at, pg_dump_stderr) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) RETURNING id")
                .params(backup.target(), backup.runId(), backup.path().toString(), backup.schemaPath().toString(),
                        backup.sizeBytes(), backup.sha256(), TableCounts.toJson(backup.rowCounts()), TableCounts.toJson(backup.changeCounts()),
                        Timestamp.from(backup.createdAt()), backup.stderr())
                .query(Long.class).single();
        return backup.withId(id);
    }

    public BackupArtifact markVerified(BackupArtifact backup, Instant at, String result) {
        jdbc.sql("UPDATE backups SET verified_at = ?, restore_check = ? WHERE id = ?")
                .params(Timestamp.from(at), result, backup.id()).update();
        return backup.verified(at, result);
    }

    /** The run's verified backup, the one a rollback by restore uses. */
    public Optional<BackupArtifact> verifiedForRun(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backups WHERE run_id = ? AND verified_at IS NOT NULL AND deleted_at IS NULL"
                        + " ORDER BY id DESC LIMIT 1").param(runId).query(this::map).optional();
    }

    /** The files registered for a run's backups, dump and schema, deleted or not. */
    public Set<Path> filesOfRun(long runId) {
        Set<Path> files = new HashSet<>();
        jdbc.sql("SELECT path, schema_path FROM backups WHERE run_id = ?").param(runId).query((rs, n) -> {
            files.add(Path.of(rs.getString(1)).toAbsolutePath().normalize());
            files.add(Path.of(rs.getString(2)).toAbsolutePath().normalize());
            return null;
        }).list();
        return files;
    }

    public List<BackupArtifact> live(String target) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM backups WHERE target = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC")
                .param(target).query(this::map).list();
    }

    public void markDeleted(long id, Instant at) {
        jdbc.sql("UPDATE backups SET deleted_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    private BackupArtifact map(ResultSet rs, int row) throws SQLException {
        Timestamp verified = rs.getTimestamp("verified_at");
        return new BackupArtifact(rs.getLong("id"), rs.getString("target"), (Long) rs.getObject("run_id"),
                Path.of(rs.getString("path")), Path.of(rs.getString("schema_path")), rs.getLong("size_bytes"),
                rs.getString("sha256"), TableCounts.fromJson(rs.getString("row_counts")), TableCounts.fromJson(rs.getString("change_counts")),
                rs.getTimestamp("created_at").toInstant(), verified == null ? null : verified.toInstant(),
                rs.getString("restore_check"), rs.getString("pg_dump_stderr"));
    }


}
