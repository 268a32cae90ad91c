package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code supabase_migrations.schema_migrations}, created and written as the Supabase CLI does (version, name,
 * statements); a rollback deletes the row, as {@code supabase migration repair --status reverted} does.
 */
final class SupabaseHistory implements ToolHistory {

    private static final String TABLE = "supabase_migrations.schema_migrations";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void recordApplied(Connection conn, Migration migration, Instant startedAt, Instant finishedAt) throws SQLException {
        try (var st = conn.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS supabase_migrations");
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (version text NOT NULL PRIMARY KEY)");
            st.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS statements text[]");
            st.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS name text");
        }
        try (var ps = conn.prepareStatement("INSERT INTO " + TABLE + " (version, name, statements) VALUES (?, ?, ?)"
                + " ON CONFLICT (version) DO UPDATE SET name = excluded.name, statements = excluded.statements")) {
            ps.setString(1, versionOf(migration));
            ps.setString(2, migration.name());
            ps.setArray(3, conn.createArrayOf("text", migration.up().statements().stream().map(SqlStatement::sql).toArray()));
            ps.executeUpdate();
        }
    }

    @Override
    public void recordRolledBack(Connection conn, Migration migration, Instant at) throws SQLException {
        if (ToolHistory.exists(conn, TABLE)) {
            try (var ps = conn.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
                ps.setString(1, versionOf(migration));
                ps.executeUpdate();
            }
        }
    }

    @Override
    public List<Entry> read(Connection conn) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (ToolHistory.exists(conn, TABLE)) {
            try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT version FROM " + TABLE + " ORDER BY version")) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), Optional.empty()));
                }
            }
        }
        return entries;
    }

    @Override
    public String versionOf(Migration migration) {
        return migration.version().text();
    }

    @Override
    public Optional<String> checksumOf(Migration migration) {
        return Optional.empty();
    }
}
