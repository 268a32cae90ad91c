package dev.migrateops.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The trace's own catalog queries, run in the session of the migrations they observe, see the real catalog: a migration
 * may have put a schema of its own (with a {@code pg_locks} table, a {@code format} function, an operator) before
 * {@code pg_catalog} in the search path. Restores the migration's search path on close.
 */
final class CatalogView implements AutoCloseable {

    private final Connection conn;
    private final String searchPath;

    private CatalogView(Connection conn, String searchPath) {
        this.conn = conn;
        this.searchPath = searchPath;
    }

    static CatalogView open(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            String searchPath;
            try (ResultSet rs = st.executeQuery("SHOW search_path")) {
                rs.next();
                searchPath = rs.getString(1);
            }
            st.execute("SET search_path = pg_catalog, pg_temp");
            return new CatalogView(conn, searchPath);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET search_path = " + (searchPath.isBlank() ? "''" : searchPath));
        }
    }
}
