package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The target's own record of what was applied, kept in {@code migrateops.schema_history}. */
public final class MigrationHistory {

    static final String TABLE = "migrateops.schema_history";

    private static final Logger log = LoggerFactory.getLogger(MigrationHistory.class);

    public void ensureTable(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS migrateops");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS migrateops.schema_history (
                        version      text PRIMARY KEY,
                        name         text NOT NULL,
                        checksum     text NOT NULL,
                        applied_by   text NOT NULL,
                        run_id       text,
                        reason       text,
                        started_at   timestamptz NOT NULL,
                        finished_at  timestamptz NOT NULL,
                        execution_ms bigint NOT NULL,
                        success      boolean NOT NULL,
                        error        text
                    )""");
            st.execute("ALTER TABLE migrateops.schema_history ADD COLUMN IF NOT EXISTS source_commit text");
        }
    }

    /** The history in version order; empty when the table does not exist yet (nothing was ever applied). */
    public List<AppliedMigration> read(Connection conn) throws SQLException {
        log.debug("reading the migration history");
        try (Statement st = conn.createStatement()) {
            try (ResultSet exists = st.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return List.of();
                }
            }
            List<AppliedMigration> rows = new ArrayList<>();
            // to_jsonb: a table an older MigrateOps made has no source_commit yet
            try (ResultSet rs = st.executeQuery("SELECT version, name, checksum, applied_by, run_id, reason, started_at, "
                    + "finished_at, execution_ms, success, error, to_jsonb(h)->>'source_commit' FROM " + TABLE + " h")) {
                while (rs.next()) {
                    rows.add(new AppliedMigration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant(), rs.getLong(9), rs.getBoolean(10), rs.getString(11), rs.getString(12)));
                }
            }
            rows.sort(Comparator.comparing(row -> MigrationVersion.parse(row.version())));
            return rows;
        }
    }

    /** Records an outcome; a retry of a migration that failed part-way replaces its failed row. */
    public void record(Connection conn, Migration migration, ApplyRequest request, Instant startedAt,
                       Instant finishedAt, String error, String commit) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + TABLE
                + " (version, name, checksum, applied_by, run_id, reason, started_at, finished_at, execution_ms, success, error,"
                + " source_commit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (version) DO UPDATE SET name = excluded.name, checksum = excluded.checksum,"
                + " applied_by = excluded.applied_by, run_id = excluded.run_id, reason = excluded.reason,"
                + " started_at = excluded.started_at, finished_at = excluded.finished_at,"
                + " execution_ms = excluded.execution_ms, success = excluded.success, error = excluded.error,"
                + " source_commit = excluded.source_commit"
                + " WHERE NOT " + TABLE + ".success")) {
            ps.setString(1, migration.version().toString());
            ps.setString(2, migration.name());
            ps.setString(3, migration.checksum());
            ps.setString(4, request.actor());
            ps.setString(5, request.runId());
            ps.setString(6, request.reason());
            ps.setTimestamp(7, Timestamp.from(startedAt));
            ps.setTimestamp(8, Timestamp.from(finishedAt));
            ps.setLong(9, finishedAt.toEpochMilli() - startedAt.toEpochMilli());
            ps.setBoolean(10, error == null);
            ps.setString(11, error);
            ps.setString(12, commit);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("version " + migration.version() + " is already recorded as applied", "23505");
            }
        }
    }

    /**
     * Records migrations as applied without running them — a baseline, or what the team's own tool applied —
     * in one transaction: all of them or none.
     */
    public void recordUnrun(Connection conn, List<Migration> migrations, ApplyRequest request, Instant at, String commit)
            throws SQLException {
        conn.setAutoCommit(false);
        try {
            for (Migration migration : migrations) {
                record(conn, migration, request, at, at, null, commit);
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    public void delete(Connection conn, String version) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }
}
