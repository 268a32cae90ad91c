package dev.migrateops.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What tests need to know of a session they opened. */
public final class Sessions {

    private Sessions() {
    }

    /** Its backend's pid, as pg_stat_activity and pg_locks name it. */
    public static int pid(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
