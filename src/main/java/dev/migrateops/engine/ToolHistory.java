package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history table of a team's own migration tool — Supabase's, Prisma's, Flyway's — written in the same
 * transaction as MigrateOps' own, so that {@code supabase migration list}, {@code prisma migrate status}
 * and {@code flyway info} agree with what a run did.
 */
interface ToolHistory {

    /**
     * A migration the tool's table says is applied.
     *
     * @param version  as the tool keeps it
     * @param checksum the tool's checksum of the file; empty for a tool that keeps none (Supabase)
     */
    record Entry(String version, Optional<String> checksum) {
    }

    /** The table's name, for messages and the audit trail. */
    String table();

    /** The history table of a layout's tool; empty for MigrateOps' own layout. */
    static Optional<ToolHistory> of(MigrationLayout layout) {
        return switch (layout) {
            case MIGRATEOPS -> Optional.empty();
            case SUPABASE -> Optional.of(new SupabaseHistory());
            case PRISMA -> Optional.of(new PrismaHistory());
            case FLYWAY -> Optional.of(new FlywayHistory());
        };
    }

    void recordApplied(Connection conn, Migration migration, Instant startedAt, Instant finishedAt) throws SQLException;

    void recordRolledBack(Connection conn, Migration migration, Instant at) throws SQLException;

    /** What the table says is applied; empty when the table does not exist. */
    List<Entry> read(Connection conn) throws SQLException;

    /** How the tool names a file's migration in its table. */
    String versionOf(Migration migration);

    /** The tool's checksum of the migration's file, as its table keeps it; empty for a tool that keeps none. */
    Optional<String> checksumOf(Migration migration);

    static boolean exists(Connection conn, String table) throws SQLException {
        try (var ps = conn.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
