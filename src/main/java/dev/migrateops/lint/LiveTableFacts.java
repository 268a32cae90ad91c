package dev.migrateops.lint;

import dev.migrateops.engine.TargetDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Table facts read from a live target ({@code pg_class}, {@code pg_stat_user_tables}, {@code format_type}), cached
 * for one lint run.
 */
public final class LiveTableFacts implements TableFacts {

    private record Table(long rows, boolean partitioned, long bytes, Double writesPerSecond) {
    }

    /**
     * The table's pages with its indexes and TOAST, from the catalog as of its last VACUUM or ANALYZE: never
     * pg_total_relation_size, which waits for a lock on the table — behind the very migration being planned.
     */
    private static final String CATALOG_SIZE = "(SELECT coalesce(sum(r.relpages), 0)::bigint FROM pg_class r WHERE r.oid = c.oid"
            + " OR r.oid = c.reltoastrelid OR r.oid IN (SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = c.oid))"
            + " * current_setting('block_size')::bigint";

    /** Rows written since the statistics were reset, over the seconds since then: the table's average write rate. */
    private static final String WRITE_RATE = "(SELECT (s.n_tup_ins + s.n_tup_upd + s.n_tup_del)::float8 / greatest(1, extract(epoch FROM"
            + " now() - coalesce((SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),"
            + " pg_postmaster_start_time()))) FROM pg_stat_user_tables s WHERE s.relid = c.oid)";

    private final TargetDatabase target;
    private final Map<String, Optional<Table>> tables = new HashMap<>();
    private final Map<String, Optional<String>> columns = new HashMap<>();

    public LiveTableFacts(TargetDatabase target) {
        this.target = target;
    }

    /** Unknown (empty) when the table was never analyzed: reltuples is -1 then, and rules assume it is big. */
    @Override
    public Optional<Long> rows(String qualifiedTable) {
        return table(qualifiedTable).map(Table::rows).filter(rows -> rows >= 0);
    }

    @Override
    public Optional<Long> bytes(String qualifiedTable) {
        return table(qualifiedTable).map(Table::bytes);
    }

    @Override
    public Optional<Double> writesPerSecond(String qualifiedTable) {
        return table(qualifiedTable).map(Table::writesPerSecond);
    }

    @Override
    public boolean partitioned(String qualifiedTable) {
        return table(qualifiedTable).map(Table::partitioned).orElse(false);
    }

    @Override
    public Optional<String> columnType(String qualifiedTable, String column) {
        return columns.computeIfAbsent(qualifiedTable + "." + column, key -> query(
                "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND a.attname = ?"
                        + " AND NOT a.attisdropped", qualifiedTable, column, rs -> rs.getString(1)));
    }

    @Override
    public boolean validatedNotNullCheck(String qualifiedTable, String column) {
        return query("SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND k.contype = 'c' AND k.convalidated"
                + " AND pg_get_constraintdef(k.oid) = 'CHECK ((' || quote_ident(?) || ' IS NOT NULL))'",
                qualifiedTable, column, rs -> true).isPresent();
    }

    private Optional<Table> table(String qualifiedTable) {
        return tables.computeIfAbsent(qualifiedTable, key -> query(
                "SELECT c.reltuples::bigint, c.relkind = 'p', " + CATALOG_SIZE + ", " + WRITE_RATE + " FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?", qualifiedTable, null,
                rs -> new Table(rs.getLong(1), rs.getBoolean(2), rs.getLong(3), rs.getObject(4) == null ? null : rs.getDouble(4))));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> query(String sql, String qualifiedTable, String column, Row<T> row) {
        int dot = qualifiedTable.indexOf('.');
        try (Connection conn = target.connection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, qualifiedTable.substring(0, dot));
            ps.setString(2, qualifiedTable.substring(dot + 1));
            if (column != null) {
                ps.setString(3, column);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }
}
