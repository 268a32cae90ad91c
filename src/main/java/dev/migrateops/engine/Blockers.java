package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The sessions a backend is waiting for ({@code pg_blocking_pids}), with what {@code pg_stat_activity} says of them. */
final class Blockers {

    private static final String QUERY = """
            SELECT a.pid, coalesce(a.usename, ''), coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),
                   coalesce(a.state, ''), extract(epoch FROM now() - a.xact_start)::bigint,
                   left(split_part(coalesce(a.query, ''), E'\\n', 1), 120)
            FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST, a.pid""";

    /** Another session's query may carry a password or personal data in a literal: only its shape is shown. */
    static String withoutLiterals(String query) {
        return query.replaceAll("'(?:[^']|'')*'?", "'…'");
    }

    List<Blocker> of(Connection conn, int waitingPid) throws SQLException {
        List<Blocker> blockers = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(QUERY)) {
            ps.setInt(1, waitingPid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long age = rs.getLong(6);
                    Duration transactionAge = rs.wasNull() ? null : Duration.ofSeconds(age);
                    blockers.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            transactionAge, withoutLiterals(rs.getString(7).strip())));
                }
            }
        }
        return blockers;
    }
}
