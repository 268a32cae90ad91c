package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a target's health from pg_stat_activity, pg_index and pg_stat_replication. */
final class HealthProbe {

    public HealthSnapshot probe(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT"
                     + " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()),"
                     + " (SELECT coalesce(max(extract(epoch FROM now() - query_start)), 0) FROM pg_stat_activity"
                     + "   WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()),"
                     + " (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'),"
                     + " (SELECT count(*) FROM pg_index WHERE NOT indisvalid),"
                     + " (SELECT max(extract(epoch FROM replay_lag)) FROM pg_stat_replication)")) {
            rs.next();
            double lag = rs.getDouble(5);
            boolean replicas = !rs.wasNull();
            return new HealthSnapshot(rs.getInt(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000)), rs.getInt(3), rs.getInt(4),
                    replicas ? Optional.of(Duration.ofMillis(Math.round(lag * 1000))) : Optional.empty(), longestActive(conn),
                    lockedTables(conn));
        }
    }

    /** The longest-running active query of others on this database, so an alert can name it. */
    private static Optional<HealthSnapshot.ActiveQuery> longestActive(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid, usename, application_name, left(split_part(query, E'\\n', 1), 120)"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()"
                     + " ORDER BY query_start LIMIT 1")) {
            return rs.next() ? Optional.of(new HealthSnapshot.ActiveQuery(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    : Optional.empty();
        }
    }

    /** Tables that sessions wait to lock, named as they must be typed ({@code regclass} quotes where case matters). */
    private static List<String> lockedTables(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT l.relation::regclass::text FROM pg_locks l"
                     + " WHERE NOT l.granted AND l.relation IS NOT NULL AND l.database = (SELECT oid FROM pg_database"
                     + " WHERE datname = current_database()) ORDER BY 1")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            return tables;
        }
    }
}
