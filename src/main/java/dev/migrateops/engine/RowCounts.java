package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exact row counts of named tables, keyed by {@code schema.table}; tables that do not exist are left out. */
final class RowCounts {

    Map<String, Long> count(Connection conn, Collection<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            String[] resolved = resolve(conn, table);
            if (resolved == null) {
                continue;
            }
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SqlIdentifiers.qualified(resolved[0], resolved[1]))) {
                rs.next();
                counts.put(resolved[0] + "." + resolved[1], rs.getLong(1));
            }
        }
        return counts;
    }

    private static String[] resolve(Connection conn, String table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p', 'm')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }
}
