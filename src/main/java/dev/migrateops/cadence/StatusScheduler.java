package dev.migrateops.cadence;

import dev.migrateops.backup.BackupStore;
import dev.migrateops.config.CadenceProperties;
import dev.migrateops.run.Approval;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunEvents;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import dev.migrateops.run.StatusSnapshot;
import dev.migrateops.engine.HealthSnapshot;
import dev.migrateops.engine.MigrationEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts a status update for every run in progress at each slot of its cadence: slot k at approval + k
 * intervals. The schedule lives in PostgreSQL and rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several bot instances never post one slot twice. The update goes to the outbox in the same
 * transaction that moves the slot on: exactly once, even across a crash. After downtime only the
 * latest slot is posted — one update, not a burst. All time comes from the injected clock.
 */
@Component
class StatusScheduler {

    private static final String ACTIVE = Arrays.stream(RunState.values()).filter(RunState::active).filter(s -> s != RunState.REQUESTED)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final RunRepository runs;
    private final RunSteps steps;
    private final MigrationEngine engine;
    private final BackupStore backups;
    private final RunEvents events;
    private final CadenceProperties settings;

    public StatusScheduler(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, RunRepository runs, RunSteps steps,
                           MigrationEngine engine, BackupStore backups, RunEvents events, CadenceProperties settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.runs = runs;
        this.steps = steps;
        this.engine = engine;
        this.backups = backups;
        this.events = events;
        this.settings = settings;
    }

    /** Adopts newly approved runs, then posts each due slot once. Returns how many updates it posted. */
    public int tick() {
        Instant now = clock.instant();
        adoptApprovedRuns();
        int posted = 0;
        for (long runId : jdbc.sql("SELECT run_id FROM run_schedule WHERE next_due_at <= ? ORDER BY next_due_at")
                .param(Timestamp.from(now)).query(Long.class).list()) {
            if (Boolean.TRUE.equals(transaction.execute(status -> postDueSlot(runId, now)))) {
                posted++;
            }
        }
        return posted;
    }

    /** How long until the next slot is due, so the poller can wake for it instead of up to a poll late. */
    public Duration untilNextDue() {
        return jdbc.sql("SELECT min(next_due_at) FROM run_schedule").query(Timestamp.class).optional()
                .map(next -> Duration.between(clock.instant(), next.toInstant()))
                .filter(wait -> !wait.isNegative()).orElse(Duration.ZERO);
    }

    private void adoptApprovedRuns() {
        List<MigrationRun> unscheduled = jdbc.sql("SELECT r.id FROM runs r WHERE r.approved_at IS NOT NULL AND r.state IN (" + ACTIVE + ")"
                + " AND NOT EXISTS (SELECT 1 FROM run_schedule s WHERE s.run_id = r.id)").query(Long.class).list().stream()
                .map(runs::get).toList();
        for (MigrationRun run : unscheduled) {
            long interval = engine.targets().get(run.target()).settings().statusIntervalOr(settings.interval()).toMillis();
            jdbc.sql("INSERT INTO run_schedule (run_id, anchor, interval_ms, next_due_at)"
                            + " SELECT id, approved_at, ?, approved_at + ? * interval '1 millisecond' FROM runs WHERE id = ?"
                            + " ON CONFLICT DO NOTHING")
                    .params(interval, interval, run.id()).update();
        }
    }

    private boolean postDueSlot(long runId, Instant now) {
        record Slot(Instant anchor, long intervalMs, int lastSlot) {
        }
        Optional<Slot> claimed = jdbc.sql("SELECT anchor, interval_ms, last_slot FROM run_schedule WHERE run_id = ? AND next_due_at <= ?"
                        + " FOR UPDATE SKIP LOCKED")
                .params(runId, Timestamp.from(now))
                .query((rs, n) -> new Slot(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getInt(3))).optional();
        if (claimed.isEmpty()) {
            return false;
        }
        MigrationRun run = runs.get(runId);
        if (!run.state().active()) {
            jdbc.sql("DELETE FROM run_schedule WHERE run_id = ?").param(runId).update();
            return false;
        }
        Slot slot = claimed.get();
        int current = (int) (Duration.between(slot.anchor(), now).toMillis() / slot.intervalMs());
        Instant next = slot.anchor().plusMillis((current + 1) * slot.intervalMs());
        jdbc.sql("UPDATE run_schedule SET last_slot = greatest(last_slot, ?), next_due_at = ? WHERE run_id = ?")
                .params(current, Timestamp.from(next), runId).update();
        if (current <= slot.lastSlot()) {
            return false;
        }
        int missed = Math.max(0, current - slot.lastSlot() - 1);
        events.publish(new RunEvent.StatusUpdate(run, snapshot(run, current, now, next, slot.anchor(), missed)));
        return true;
    }

    private StatusSnapshot snapshot(MigrationRun run, int number, Instant now, Instant next, Instant approvedAt, int missed) {
        List<String> approvers = runs.approvals(run.id(), Approval.Purpose.APPLY).stream().map(a -> a.approver().id()).toList();
        Optional<String> backup = backups.verifiedForRun(run.id()).map(b -> b.size() + ", verified");
        Optional<HealthSnapshot> health = Optional.empty();
        String problem = null;
        try {
            health = Optional.of(engine.health(run.target()));
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        return new StatusSnapshot(number, now, Duration.between(approvedAt, now), steps.of(run.id()), approvers, backup, health,
                problem, next, missed);
    }
}
