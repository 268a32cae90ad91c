package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A session-level advisory lock on the target that keeps two appliers (bots, CLIs) apart. */
final class AdvisoryLock {

    /** "MIGRATOP" in ASCII: one key for every MigrateOps process on a database. */
    private static final long KEY = 0x4D49475241544F50L;

    /** Releases the lock when closed. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    Held acquire(Connection conn, String target) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new ConcurrentApplyException(target, holder(conn));
            }
        }
        return () -> {
            if (conn.isClosed() || !conn.isValid(2)) {
                return; // a lost session took its advisory lock with it
            }
            try (Statement st = conn.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            }
        };
    }

    private static String holder(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT a.pid, coalesce(a.application_name, ''), a.backend_start"
                     + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.locktype = 'advisory' AND l.granted"
                     + " AND ((l.classid::bigint << 32) | l.objid::bigint) = " + KEY + " LIMIT 1")) {
            return rs.next()
                    ? "pid " + rs.getInt(1) + " (" + rs.getString(2) + ", connected since " + rs.getTimestamp(3).toInstant() + ")"
                    : "another session";
        }
    }
}
