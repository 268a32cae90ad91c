package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/** The sessions a backend is waiting for ({@code pg_blocking_pids}), with what {@code pg_stat_activity} says of them. */
final class Blockers {

    private static final String COLUMNS = """
            a.pid, coalesce(a.usename, ''), coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),
                   coalesce(a.state, ''), extract(epoch FROM now() - a.xact_start)::bigint,
                   left(split_part(coalesce(a.query, ''), E'\\n', 1), 120), a.backend_start""";

    private static final String QUERY = "SELECT " + COLUMNS
            + " FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST, a.pid";

    /**
     * Signals one session — the very one (pid and start), while it is still in a transaction or a statement, and never
     * a session of the change itself (whose {@code application_name} ends with {@code /<change>}) — and says who it
     * was just before. Whether it is the change's blocker is for the caller to know: a change that retries its locks
     * waits only during its attempts, so "blocks right now" is mostly false between them.
     */
    private static final String END = "SELECT " + COLUMNS + ", CASE WHEN ? THEN pg_terminate_backend(a.pid)"
            + " ELSE pg_cancel_backend(a.pid) END FROM pg_stat_activity a WHERE a.pid = ? AND a.backend_start = ?"
            + " AND (a.xact_start IS NOT NULL OR a.state = 'active') AND coalesce(a.application_name, '') NOT LIKE '%/' || ?";

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
                    blockers.add(blocker(rs));
                }
            }
        }
        return blockers;
    }

    /**
     * The session as it was when signalled, or empty when it is gone, sits idle outside a transaction (it holds no
     * lock any more), or is a session of the change itself.
     */
    Optional<Blocker> end(Connection conn, String change, int pid, Instant backendStart, boolean terminate) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(END)) {
            ps.setBoolean(1, terminate);
            ps.setInt(2, pid);
            ps.setObject(3, backendStart.atOffset(ZoneOffset.UTC));
            ps.setString(4, change);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(9) ? Optional.of(blocker(rs)) : Optional.empty();
            }
        }
    }

    private static Blocker blocker(ResultSet rs) throws SQLException {
        long age = rs.getLong(6);
        Duration transactionAge = rs.wasNull() ? null : Duration.ofSeconds(age);
        return new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                transactionAge, withoutLiterals(rs.getString(7).strip()), rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
