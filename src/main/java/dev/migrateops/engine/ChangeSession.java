package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The target session a change runs on. It is named after the bot instance and the run in
 * {@code application_name}, so that another instance can find and end it when this one died; and it ends
 * itself when this instance is gone: PostgreSQL checks for the vanished client while a statement runs
 * (14 and newer), keepalives find a dead peer, and an idle transaction is not kept for more than a minute.
 * Closing it returns the pooled connection to its defaults.
 */
final class ChangeSession implements AutoCloseable {

    private final Connection conn;

    private ChangeSession(Connection conn) {
        this.conn = conn;
    }

    /** What a run's apply session is called after the instance's name. */
    static String ofRun(Object runId) {
        return "run-" + runId;
    }

    /** @param what e.g. {@code run-42}, {@code rollback-42} or {@code cli} */
    static ChangeSession open(Connection conn, TargetDatabase target, String what) throws SQLException {
        String name = target.applicationName() + "/" + what;
        try (PreparedStatement ps = conn.prepareStatement("SELECT set_config('application_name', ?, false),"
                + " set_config('idle_in_transaction_session_timeout', '60s', false),"
                + " set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false),"
                + " set_config('tcp_keepalives_count', '3', false)")) {
            ps.setString(1, name.length() > 63 ? name.substring(0, 63) : name);
            ps.execute();
        }
        if (conn.getMetaData().getDatabaseMajorVersion() >= 14) {
            try (Statement st = conn.createStatement()) {
                st.execute("SET client_connection_check_interval = '1s'");
            }
        }
        return new ChangeSession(conn);
    }

    /** Its backend's pid: what {@code pg_locks} and {@code pg_stat_activity} call it. */
    int pid() throws SQLException {
        try (Statement st = conn.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (!conn.isClosed() && conn.isValid(2) && conn.getAutoCommit()) {
            try (Statement st = conn.createStatement()) {
                st.execute("RESET ALL");
            }
        }
    }
}
