package dev.migrateops.engine;

import dev.migrateops.worker.Lookouts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets the target's replicas keep up with a change: between the statements of a migration that runs outside a
 * transaction, and before each retry, it waits while a replica is further behind than the limit.
 *
 * <p>{@code pg_stat_replication.replay_lag} is a sample taken after the fact: it keeps its last value once a replica
 * has caught up, and still shows an old, small one while a replica falls behind. So a replica with nothing left to
 * replay does not lag, whatever the sample says; one with WAL left lags by the larger of its sample and the time
 * since the oldest WAL position noted here (every {@link #NOTE_EVERY_MS} ms while a statement runs, and after it) that it
 * has not replayed yet.
 */
final class ReplicaPacing implements AutoCloseable {

    private static final long LOOK_EVERY_MS = 100;
    private static final long NOTE_EVERY_MS = 200;
    private static final Duration TELL_EVERY = Duration.ofSeconds(1);

    /** A replica that has not replayed a noted position: who, and how far behind. */
    record Behind(String replica, Duration lag, long bytes) {
    }

    private record Noted(String lsn, long nanos) {
    }

    /** Noting while a statement runs; closing it stops. */
    interface Noting extends AutoCloseable {
        @Override
        void close();
    }

    private final Duration limit;
    private final Supplier<Instant> deadline;
    private final TargetConnections target;
    private final Deque<Noted> noted = new ConcurrentLinkedDeque<>();
    private ScheduledExecutorService noter;

    /**
     * @param deadline past it, nothing waits any more: the change's retry budget bounds the waiting too
     * @param target   connections beside the change's own, to note positions while its statement runs
     */
    ReplicaPacing(Duration limit, Supplier<Instant> deadline, TargetConnections target) {
        this.limit = limit;
        this.deadline = deadline;
        this.target = target;
    }

    /**
     * Notes where the primary's WAL is now: a replica that has not replayed this far is behind since now. Like every
     * look here, on a connection beside the change's own, so a failure here never disturbs the change or its error.
     */
    void note() {
        if (limit.isZero()) {
            return;
        }
        try (Connection conn = target.connection(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            noted.addLast(new Noted(rs.getString(1), System.nanoTime()));
        } catch (SQLException e) {
            // a position less: the lag is measured from the next one
        }
        while (noted.size() > 1000) {
            noted.removeFirst();
        }
    }

    /** Notes the WAL position now and then while a statement runs, until the returned handle is closed. */
    Noting whileRunning() {
        if (limit.isZero()) {
            return () -> { };
        }
        if (noter == null) {
            noter = Lookouts.named("replica-pacing");
        }
        ScheduledFuture<?> noting = noter.scheduleWithFixedDelay(this::note, NOTE_EVERY_MS, NOTE_EVERY_MS, TimeUnit.MILLISECONDS);
        return () -> noting.cancel(false);
    }

    @Override
    public void close() {
        if (noter != null) {
            noter.shutdownNow();
        }
    }

    /** Waits while a replica lags more than the limit, telling how it goes; returns how long it waited. */
    Duration await(String version, ApplyListener listener) {
        if (limit.isZero()) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        long toldAt = 0;
        Progress told = null;
        while (Instant.now().isBefore(deadline.get()) && !listener.cancelled()) {
            List<Behind> behind;
            try {
                behind = behind();
            } catch (SQLException e) {
                // replicas that cannot be looked at do not hold the change up
                break;
            }
            List<Behind> tooFar = behind.stream().filter(b -> b.lag().compareTo(limit) > 0).toList();
            if (tooFar.isEmpty()) {
                break;
            }
            long now = System.nanoTime();
            if (told == null || now - toldAt >= TELL_EVERY.toNanos()) {
                told = waiting(tooFar, Duration.ofNanos(now - start));
                toldAt = now;
                listener.progressed(version, told);
            }
            sleep();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        if (told != null) {
            listener.progressed(version, told.finishedAfter(waited));
        }
        return waited;
    }

    private Progress waiting(List<Behind> tooFar, Duration waited) {
        Behind worst = tooFar.stream().max(java.util.Comparator.comparing(Behind::lag)).orElseThrow();
        String replicas = String.join(", ", tooFar.stream().map(Behind::replica).toList());
        return new Progress(Progress.Work.REPLICA_WAIT, replicas, "", 0, 0, worst.lag().toMillis(), limit.toMillis(),
                Progress.Unit.NONE, worst.bytes(), waited, null, false);
    }

    /** Each replica that has not replayed the oldest noted position it is behind, with how long ago that was noted. */
    private List<Behind> behind() throws SQLException {
        List<Behind> behind = new ArrayList<>();
        String minReplayed = null;
        try (Connection conn = target.connection(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(nullif(application_name, ''), host(client_addr), pid::text), replay_lsn::text,"
                        + " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,"
                        + " coalesce(extract(epoch FROM replay_lag), 0) FROM pg_stat_replication WHERE replay_lsn IS NOT NULL")) {
            while (rs.next()) {
                String replayed = rs.getString(2);
                long bytes = rs.getLong(3);
                minReplayed = minReplayed == null || compare(replayed, minReplayed) < 0 ? replayed : minReplayed;
                if (bytes <= 0) {
                    continue;
                }
                Duration sampled = Duration.ofMillis((long) (rs.getDouble(4) * 1000));
                Duration sinceNoted = noted.stream().filter(n -> compare(n.lsn(), replayed) > 0).findFirst()
                        .map(n -> Duration.ofNanos(System.nanoTime() - n.nanos())).orElse(Duration.ZERO);
                behind.add(new Behind(rs.getString(1), sampled.compareTo(sinceNoted) > 0 ? sampled : sinceNoted, bytes));
            }
        }
        // what every replica has replayed needs no noting any more
        while (minReplayed != null && !noted.isEmpty() && compare(noted.peekFirst().lsn(), minReplayed) <= 0) {
            noted.removeFirst();
        }
        return behind;
    }

    /** Orders two WAL positions written as PostgreSQL does ({@code 16/B374D848}). */
    static int compare(String a, String b) {
        return Long.compareUnsigned(value(a), value(b));
    }

    private static long value(String lsn) {
        int slash = lsn.indexOf('/');
        return Long.parseUnsignedLong(lsn.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(lsn.substring(slash + 1), 16);
    }

    private static void sleep() {
        try {
            Thread.sleep(LOOK_EVERY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
