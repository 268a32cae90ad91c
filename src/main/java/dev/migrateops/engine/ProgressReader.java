package dev.migrateops.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a change session's running statement has done so far: an index build from
 * {@code pg_stat_progress_create_index}, any other statement from its running time and the size of the largest table
 * it holds a lock on (PostgreSQL reports no progress for rewrites and validations).
 */
final class ProgressReader {

    /** The phases of CREATE INDEX [CONCURRENTLY] as PostgreSQL names them (before any ": sub-phase"). */
    private static final List<String> CONCURRENT_PHASES = List.of("initializing", "waiting for writers before build",
            "building index", "waiting for writers before validation", "index validation", "waiting for old snapshots");
    private static final List<String> PLAIN_PHASES = List.of("initializing", "building index");
    private static final Pattern INDEX_NAME = Pattern.compile(
            "(?i)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$.]+)");

    private static final String RUNNING = """
            SELECT extract(epoch FROM now() - a.query_start), left(split_part(a.query, E'\\n', 1), 120), p.phase, p.command,
                   coalesce(p.blocks_total, 0), coalesce(p.blocks_done, 0), coalesce(p.tuples_total, 0), coalesce(p.tuples_done, 0),
                   coalesce(i.relname, ''), coalesce(pg_total_relation_size(p.relid), 0)
            FROM pg_stat_activity a
            LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid
            LEFT JOIN pg_class i ON i.oid = p.index_relid
            WHERE a.pid = ? AND a.state = 'active'""";

    private static final String LOCKED_TABLE_SIZE = """
            SELECT coalesce(max(pg_total_relation_size(l.relation)), 0) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = ? AND l.granted AND c.relkind IN ('r', 'p', 'm')""";

    /** Empty when the session runs no statement now. */
    Optional<Progress> of(Connection conn, int pid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(RUNNING)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Duration elapsed = Duration.ofMillis((long) (rs.getDouble(1) * 1000));
                String statement = rs.getString(2).strip();
                String phase = rs.getString(3);
                if (phase == null) {
                    return Optional.of(new Progress(Progress.Work.LONG_STATEMENT, statement, "", 0, 0, 0, 0, Progress.Unit.NONE,
                            lockedTableSize(conn, pid), elapsed, null, false));
                }
                List<String> phases = rs.getString(4).contains("CONCURRENTLY") ? CONCURRENT_PHASES : PLAIN_PHASES;
                int number = phases.indexOf(phase.split(":")[0].strip()) + 1;
                long blocksTotal = rs.getLong(5);
                boolean blocks = blocksTotal > 0;
                String index = rs.getString(9).isEmpty() ? indexNamed(statement) : rs.getString(9);
                return Optional.of(new Progress(Progress.Work.INDEX_BUILD, index, phase, number, phases.size(),
                        blocks ? rs.getLong(6) : rs.getLong(8), blocks ? blocksTotal : rs.getLong(7),
                        blocks ? Progress.Unit.BLOCKS : Progress.Unit.TUPLES, rs.getLong(10), elapsed, null, false));
            }
        }
    }

    private static long lockedTableSize(Connection conn, int pid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(LOCKED_TABLE_SIZE)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** A plain CREATE INDEX has no index yet to look up while it builds: its name is in the statement. */
    static String indexNamed(String statement) {
        Matcher m = INDEX_NAME.matcher(statement);
        return m.find() ? m.group(1) : statement;
    }
}
