package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Flyway's {@code flyway_schema_history}, created and written as Flyway does: the version with dots, the
 * description with spaces, the script's path in its location, and Flyway's checksum — a CRC32 over the
 * file's lines without their line breaks. A rollback removes the row, so {@code flyway info} shows the
 * migration pending again.
 */
final class FlywayHistory implements ToolHistory {

    private static final String TABLE = "flyway_schema_history";

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void recordApplied(Connection conn, Migration migration, Instant startedAt, Instant finishedAt) throws SQLException {
        if (!ToolHistory.exists(conn, TABLE)) {
            try (var st = conn.createStatement()) {
                st.execute("""
                        CREATE TABLE "flyway_schema_history" (
                            "installed_rank" INT NOT NULL,
                            "version" VARCHAR(50),
                            "description" VARCHAR(200) NOT NULL,
                            "type" VARCHAR(20) NOT NULL,
                            "script" VARCHAR(1000) NOT NULL,
                            "checksum" INTEGER,
                            "installed_by" VARCHAR(100) NOT NULL,
                            "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
                            "execution_time" INTEGER NOT NULL,
                            "success" BOOLEAN NOT NULL,
                            CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")
                        )""");
                st.execute("CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")");
            }
        }
        try (var ps = conn.prepareStatement("INSERT INTO \"flyway_schema_history\" (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success)"
                + " SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, current_user, ?, true FROM \"flyway_schema_history\"")) {
            ps.setString(1, versionOf(migration));
            ps.setString(2, migration.name().replace('_', ' '));
            ps.setString(3, migration.origin().path());
            ps.setInt(4, crc32(migration.origin().text()));
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, finishedAt.toEpochMilli() - startedAt.toEpochMilli()));
            ps.executeUpdate();
        }
    }

    @Override
    public void recordRolledBack(Connection conn, Migration migration, Instant at) throws SQLException {
        if (ToolHistory.exists(conn, TABLE)) {
            try (var ps = conn.prepareStatement("DELETE FROM \"flyway_schema_history\" WHERE version = ? AND type = 'SQL'")) {
                ps.setString(1, versionOf(migration));
                ps.executeUpdate();
            }
        }
    }

    @Override
    public List<Entry> read(Connection conn) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (ToolHistory.exists(conn, TABLE)) {
            try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT version, checksum FROM \"flyway_schema_history\""
                    + " WHERE success AND version IS NOT NULL AND type = 'SQL' ORDER BY installed_rank")) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getString(1), Optional.ofNullable(rs.getString(2))));
                }
            }
        }
        return entries;
    }

    /** Flyway shows {@code 1_2} as {@code 1.2}. */
    @Override
    public String versionOf(Migration migration) {
        return migration.version().text().replace('_', '.');
    }

    @Override
    public Optional<String> checksumOf(Migration migration) {
        return Optional.of(String.valueOf(crc32(migration.origin().text())));
    }

    static int crc32(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
