package dev.migrateops.engine;

import dev.migrateops.catalog.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and drops the invalid indexes that an interrupted {@code CONCURRENTLY} build leaves behind
 * ({@code pg_index.indisvalid = false}). Left alone they slow every write and a re-run with
 * {@code IF NOT EXISTS} silently keeps them.
 */
final class InvalidIndexes {

    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final Pattern NAMED_BUILD = Pattern.compile("(?i)^CREATE (?:UNIQUE )?INDEX CONCURRENTLY (?:IF NOT EXISTS )?"
            + NAME + " ON (?:ONLY )?(" + NAME + "(?:\\." + NAME + ")?)");
    private static final Pattern BUILD = Pattern.compile("(?i)^(CREATE (UNIQUE )?INDEX CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY)\\b.*");

    /** An index by OID and name. */
    record Index(long oid, String schema, String name) {
        String qualified() {
            return SqlIdentifiers.qualified(schema, name);
        }
    }

    static boolean isConcurrentBuild(SqlStatement statement) {
        return BUILD.matcher(statement.normalized()).matches();
    }

    Set<Index> list(Connection conn) throws SQLException {
        Set<Index> found = new LinkedHashSet<>();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT c.oid, n.nspname, c.relname FROM pg_index i"
                     + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE NOT i.indisvalid ORDER BY 2, 3")) {
            while (rs.next()) {
                found.add(new Index(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return found;
    }

    /** The invalid index an earlier, interrupted run of this very statement left, if any. */
    Optional<Index> leftoverOf(Connection conn, SqlStatement statement) throws SQLException {
        Matcher m = NAMED_BUILD.matcher(statement.normalized());
        if (!m.find()) {
            return Optional.empty();
        }
        String indexName = unquote(m.group(1));
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, n.nspname, c.relname FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND c.relname = ? AND i.indrelid = to_regclass(?)")) {
            ps.setString(1, indexName);
            ps.setString(2, m.group(2));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Index(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    void drop(Connection conn, Index index) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.qualified());
        }
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase();
    }
}
