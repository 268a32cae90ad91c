package dev.migrateops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Row counts and write statistics of a database's tables, for comparing a dump, its restore and later. */
final class TableStatistics {

    private TableStatistics() {
    }

    /** Exact rows per ordinary table, outside the system schemas. */
    static Map<String, Long> rowCounts(Connection conn) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                     + " AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2")) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String[] table : tables) {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(table[0]) + "." + quote(table[1]))) {
                rs.next();
                counts.put(table[0] + "." + table[1], rs.getLong(1));
            }
        }
        return counts;
    }

    /** Inserts + updates + deletes per table as the statistics collector counts them. */
    static Map<String, Long> changeCounts(Connection conn) throws SQLException {
        Map<String, Long> changes = new TreeMap<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del"
                     + " FROM pg_stat_user_tables")) {
            while (rs.next()) {
                changes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return changes;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
