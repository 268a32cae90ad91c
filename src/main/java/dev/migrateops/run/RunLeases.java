package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.worker.InstanceId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which instance executes which run, until when; and the cancel requests any instance may write for the
 * executing one. A run in flight whose lease expired belonged to an instance that died.
 */
@Repository
class RunLeases {

    private static final String IN_FLIGHT = Arrays.stream(RunState.values()).filter(RunState::inFlight)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    /** A run taken over from a dead instance, and which instance that was (null when none held it). */
    record Recovered(long runId, String deadWorker) {
    }

    /** A cancel asked for a run this instance executes. */
    record CancelRequest(long runId, Actor by) {
    }

    private final JdbcClient jdbc;

    RunLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** This instance executes the run, until the lease runs out or is renewed. */
    void take(long runId, InstanceId me, Instant until) {
        jdbc.sql("UPDATE runs SET worker_id = ?, lease_expires_at = ? WHERE id = ?")
                .params(me.value(), Timestamp.from(until), runId).update();
    }

    /** True when this instance holds the run; the row stays locked until the caller's transaction ends. */
    boolean heldBy(long runId, InstanceId me) {
        return jdbc.sql("SELECT worker_id FROM runs WHERE id = ? FOR UPDATE").param(runId).query(String.class).optional()
                .map(me.value()::equals).orElse(false);
    }

    /** Renews the leases of the runs in flight that this instance holds and still works on. */
    int renew(InstanceId me, Collection<Long> working, Instant until) {
        if (working.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE runs SET lease_expires_at = ? WHERE worker_id = ? AND state IN (" + IN_FLIGHT + ")"
                        + " AND id IN (" + working.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                .params(Timestamp.from(until), me.value()).update();
    }

    /**
     * Takes over runs in flight whose lease expired (or that never had one), each by one instance only:
     * the rows are claimed with {@code FOR UPDATE SKIP LOCKED}. That includes this instance's own runs
     * whose worker thread ended without closing them: their leases are not renewed.
     */
    List<Recovered> claimExpired(InstanceId me, Instant now, Instant until) {
        return jdbc.sql("WITH expired AS (SELECT id, worker_id FROM runs WHERE state IN (" + IN_FLIGHT + ")"
                        + " AND (lease_expires_at IS NULL OR lease_expires_at < ?) ORDER BY id FOR UPDATE SKIP LOCKED)"
                        + " UPDATE runs r SET worker_id = ?, lease_expires_at = ? FROM expired e WHERE r.id = e.id"
                        + " RETURNING r.id, e.worker_id")
                .params(Timestamp.from(now), me.value(), Timestamp.from(until))
                .query((rs, n) -> new Recovered(rs.getLong(1), rs.getString(2))).list();
    }

    void requestCancel(long runId, Actor by) {
        jdbc.sql("UPDATE runs SET cancel_requested_by_id = ?, cancel_requested_by_name = ? WHERE id = ?"
                        + " AND cancel_requested_by_id IS NULL")
                .params(by.id(), by.name(), runId).update();
    }

    /** Cancel requests for the runs this instance executes. */
    List<CancelRequest> cancelsFor(InstanceId me) {
        return jdbc.sql("SELECT id, cancel_requested_by_id, cancel_requested_by_name FROM runs WHERE worker_id = ?"
                        + " AND cancel_requested_by_id IS NOT NULL AND state IN (" + IN_FLIGHT + ")")
                .param(me.value())
                .query((rs, n) -> new CancelRequest(rs.getLong(1), new Actor(rs.getString(2), rs.getString(3)))).list();
    }
}
