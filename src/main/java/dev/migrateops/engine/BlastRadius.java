package dev.migrateops.engine;

import dev.migrateops.worker.Lookouts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a lock attempt early when the waiting it causes has spent a budget. While a statement of the change runs and
 * its own lock request is queued ({@code pg_locks}, not granted), the sessions queued for the same object are counted
 * every few milliseconds; their number times the time between two looks adds up (3 sessions for 100 ms = 300 ms).
 * Once that reaches the budget, the statement is cancelled, and the cancel is reported as a lock timeout, so the
 * attempt is retried like one — live traffic goes through in between.
 */
final class BlastRadius implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BlastRadius.class);
    private static final long LOOK_EVERY_MS = 10;
    /** After this long, a statement is mostly past its lock requests: every tenth look is enough, and spares pg_locks. */
    private static final long CLOSE_WATCH_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Sessions waiting for the object the given session's own request is queued for. */
    private static final String QUEUED_BEHIND = """
            SELECT count(DISTINCT w.pid) FROM pg_locks mine JOIN pg_locks w ON NOT w.granted AND w.pid <> mine.pid
               AND w.locktype = mine.locktype AND w.database IS NOT DISTINCT FROM mine.database
               AND w.relation IS NOT DISTINCT FROM mine.relation AND w.transactionid IS NOT DISTINCT FROM mine.transactionid
               AND w.virtualxid IS NOT DISTINCT FROM mine.virtualxid
            WHERE mine.pid = ? AND NOT mine.granted""";

    private final TargetConnections target;
    private final int pid;
    private final Duration budget;
    private ScheduledExecutorService looker;

    BlastRadius(TargetConnections target, int pid, Duration budget) {
        this.target = target;
        this.pid = pid;
        this.budget = budget;
    }


    Duration budget() {
        return budget;
    }

    /** Watches one statement from now until the watch is closed. */
    Watch watch() {
        if (budget.isZero() || target == null) {
            return new Watch(null);
        }
        if (looker == null) {
            looker = Lookouts.named("blast-radius-" + pid);
        }
        return new Watch(looker);
    }

    @Override
    public void close() {
        if (looker != null) {
            looker.shutdownNow();
        }
    }

    /** One statement's watch. */
    final class Watch implements AutoCloseable {
        private final ScheduledFuture<?> looking;
        private final long startNanos = System.nanoTime();
        private long lastLook = startNanos;
        private long looks;
        private double queuedNanos;
        private volatile boolean spent;

        private Watch(ScheduledExecutorService looker) {
            this.looking = looker == null ? null
                    : looker.scheduleWithFixedDelay(this::look, LOOK_EVERY_MS, LOOK_EVERY_MS, TimeUnit.MILLISECONDS);
        }

        /** True once the budget was spent and the statement cancelled. */
        boolean spent() {
            return spent;
        }

        /** The waiting the statement caused while watched: sessions × time. */
        Duration queued() {
            return Duration.ofNanos((long) queuedNanos);
        }

        private void look() {
            long now = System.nanoTime();
            if (now - startNanos > CLOSE_WATCH_NANOS && looks++ % 10 != 0) {
                return;
            }
            try (Connection conn = target.connection()) {
                long waiting = queuedBehind(conn);
                queuedNanos += waiting * (double) (now - lastLook);
                if (!spent && queuedNanos >= budget.toNanos()) {
                    spent = true;
                    cancel(conn);
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("could not look at the sessions queued behind pid {}: {}", pid, e.getMessage());
            }
            lastLook = now;
        }

        private long queuedBehind(Connection conn) throws SQLException {
            try (PreparedStatement ps = conn.prepareStatement(QUEUED_BEHIND)) {
                ps.setInt(1, pid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }

        private void cancel(Connection conn) throws SQLException {
            try (PreparedStatement ps = conn.prepareStatement("SELECT pg_cancel_backend(?)")) {
                ps.setInt(1, pid);
                ps.execute();
            }
        }

        @Override
        public void close() {
            if (looking != null) {
                looking.cancel(false);
            }
        }
    }
}
