package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.Sha256;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Prisma's {@code _prisma_migrations}, created and written as {@code prisma migrate deploy} does: the
 * checksum is the SHA-256 of {@code migration.sql} as written; a rollback sets {@code rolled_back_at}, as
 * {@code prisma migrate resolve --rolled-back} does.
 */
final class PrismaHistory implements ToolHistory {

    private static final String TABLE = "_prisma_migrations";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void recordApplied(Connection conn, Migration migration, Instant startedAt, Instant finishedAt) throws SQLException {
        try (var st = conn.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
                        "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
                        "checksum"              VARCHAR(64) NOT NULL,
                        "finished_at"           TIMESTAMPTZ,
                        "migration_name"        VARCHAR(255) NOT NULL,
                        "logs"                  TEXT,
                        "rolled_back_at"        TIMESTAMPTZ,
                        "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
                        "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
                    )""");
        }
        try (var ps = conn.prepareStatement("INSERT INTO \"_prisma_migrations\" (id, checksum, finished_at, migration_name,"
                + " logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, checksumOf(migration).orElseThrow());
            ps.setTimestamp(3, Timestamp.from(finishedAt));
            ps.setString(4, versionOf(migration));
            ps.setTimestamp(5, Timestamp.from(startedAt));
            ps.executeUpdate();
        }
    }

    @Override
    public void recordRolledBack(Connection conn, Migration migration, Instant at) throws SQLException {
        if (ToolHistory.exists(conn, TABLE)) {
            try (var ps = conn.prepareStatement("UPDATE \"_prisma_migrations\" SET rolled_back_at = ?"
                    + " WHERE migration_name = ? AND rolled_back_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, versionOf(migration));
                ps.executeUpdate();
            }
        }
    }

    @Override
    public List<Entry> read(Connection conn) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (ToolHistory.exists(conn, TABLE)) {
            try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT migration_name, checksum FROM \"_prisma_migrations\""
                    + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at")) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), Optional.of(rs.getString(2))));
                }
            }
        }
        return entries;
    }

    /** The migration's folder name, e.g. {@code 20240101000000_init}. */
    @Override
    public String versionOf(Migration migration) {
        String path = migration.origin().path();
        return path.substring(0, path.lastIndexOf('/'));
    }

    @Override
    public Optional<String> checksumOf(Migration migration) {
        return Optional.of(Sha256.hex(migration.origin().text()));
    }
}
