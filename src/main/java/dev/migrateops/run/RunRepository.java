package dev.migrateops.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs and their votes in the bot's database. State changes are compare-and-set: a stale caller loses. */
@Repository
public class RunRepository {

    private static final String COLUMNS = "id, target, state, requester_id, requester_name, reason, to_version, plan::text,"
            + " channel, step, step_started_at, outcome, approvals_void_reason, state_before_rollback,"
            + " rollback_requester_id, rollback_requester_name, rollback_reason,"
            + " created_at, updated_at, finished_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public RunRepository(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Creates a REQUESTED run, or returns empty when the target already has an active run. */
    public Optional<MigrationRun> create(String target, Actor requester, String reason, String toVersion, RunPlan plan,
                                         String channel) {
        Timestamp now = Timestamp.from(clock.instant());
        // ON CONFLICT instead of catching the violation: the caller's transaction stays usable
        return jdbc.sql("INSERT INTO runs (target, state, requester_id, requester_name, reason, to_version, plan,"
                        + " plan_fingerprint, channel, created_at, updated_at)"
                        + " VALUES (?, 'REQUESTED', ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id")
                .params(target, requester.id(), requester.name(), reason, toVersion, toJson(plan), plan.fingerprint(),
                        channel, now, now)
                .query(Long.class).optional().map(this::get);
    }

    public MigrationRun get(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no run #" + id));
    }

    /** The run, locked until the caller's transaction ends: decisions on one run are taken one at a time. */
    public MigrationRun lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE id = ? FOR UPDATE").param(id).query(this::map).optional()
                .orElseThrow(() -> new IllegalArgumentException("no run #" + id));
    }

    public Optional<MigrationRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<MigrationRun> activeOn(String target) {
        Set<String> active = Arrays.stream(RunState.values()).filter(RunState::active).map(Enum::name).collect(Collectors.toSet());
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE target = ? AND state IN (" + quoted(active) + ")")
                .param(target).query(this::map).optional();
    }

    public List<MigrationRun> recent(Optional<String> target, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE (?::text IS NULL OR target = ?) ORDER BY id DESC LIMIT ?")
                .params(target.orElse(null), target.orElse(null), limit).query(this::map).list();
    }

    /** A target's latest runs in a state, latest first. */
    public List<MigrationRun> inState(String target, RunState state, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE target = ? AND state = ? ORDER BY id DESC LIMIT ?")
                .params(target, state.name(), limit).query(this::map).list();
    }

    /** How many runs a target has in a state. */
    public record StateCount(String target, RunState state, long runs) {
    }

    /** Runs by target and state, over the whole history. */
    public List<StateCount> countByTargetAndState() {
        return jdbc.sql("SELECT target, state, count(*) FROM runs GROUP BY 1, 2 ORDER BY 1, 2")
                .query((rs, n) -> new StateCount(rs.getString(1), RunState.valueOf(rs.getString(2)), rs.getLong(3))).list();
    }

    public List<MigrationRun> inState(Set<RunState> states) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM runs WHERE state IN (" + quoted(states.stream().map(Enum::name)
                .collect(Collectors.toSet())) + ") ORDER BY id").query(this::map).list();
    }

    /** Moves a run from one of its legal source states; refuses when it is elsewhere by now. */
    public MigrationRun transition(long id, RunState to, String step, String outcome) {
        Set<String> from = RunState.sourcesOf(to).stream().map(Enum::name).collect(Collectors.toSet());
        Instant now = clock.instant();
        boolean finished = !to.active();
        int updated = jdbc.sql("UPDATE runs SET state = ?, step = ?, step_started_at = ?, outcome = coalesce(?, outcome),"
                        + " updated_at = ?, finished_at = CASE WHEN ? THEN ? ELSE finished_at END,"
                        + " state_before_rollback = CASE WHEN ? = 'ROLLBACK_REQUESTED' THEN state ELSE state_before_rollback END,"
                        + " approved_at = CASE WHEN ? = 'APPROVED' THEN coalesce(approved_at, ?) ELSE approved_at END"
                        + " WHERE id = ? AND state IN (" + quoted(from) + ")")
                .params(to.name(), step, Timestamp.from(now), outcome, Timestamp.from(now), finished,
                        Timestamp.from(now), to.name(), to.name(), Timestamp.from(now), id)
                .update();
        if (updated == 0) {
            throw new IllegalTransitionException(id, get(id).state(), to);
        }
        if (finished) {
            jdbc.sql("UPDATE run_steps SET finished_at = ?, outcome = ? WHERE run_id = ? AND finished_at IS NULL")
                    .params(Timestamp.from(now), to.name(), id).update();
        }
        return get(id);
    }

    /** Asks for a rollback: the compare-and-set of {@link #transition} plus who asked and why. */
    public MigrationRun requestRollback(long id, Actor requester, String reason, boolean byRestore) {
        MigrationRun run = transition(id, RunState.ROLLBACK_REQUESTED, "awaiting rollback approval", null);
        jdbc.sql("UPDATE runs SET rollback_requester_id = ?, rollback_requester_name = ?, rollback_reason = ?,"
                        + " rollback_by_restore = ? WHERE id = ?")
                .params(requester.id(), requester.name(), reason, byRestore, id).update();
        voidApprovals(id, Approval.Purpose.ROLLBACK);
        return get(run.id());
    }

    /** True when the rollback asked for was a restore of the run's backup, even where down scripts exist. */
    public boolean rollbackByRestore(long id) {
        return jdbc.sql("SELECT rollback_by_restore FROM runs WHERE id = ?").param(id).query(Boolean.class).single();
    }

    /** Turns a rollback request down: the run returns to where it was. */
    public MigrationRun returnFromRollbackRequest(long id, String outcome) {
        MigrationRun run = get(id);
        if (run.state() != RunState.ROLLBACK_REQUESTED) {
            throw new IllegalTransitionException(id, run.state(), run.stateBeforeRollback());
        }
        return transition(id, run.stateBeforeRollback(), null, outcome);
    }

    public void monitorUntil(long id, Instant until) {
        jdbc.sql("UPDATE runs SET monitor_until = ? WHERE id = ?").params(Timestamp.from(until), id).update();
    }

    public Optional<Instant> monitorUntil(long id) {
        return jdbc.sql("SELECT monitor_until FROM runs WHERE id = ? AND monitor_until IS NOT NULL").param(id)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Who accepted the run's lint errors and why, if anyone did. */
    public Optional<String> lintOverride(long id) {
        return jdbc.sql("SELECT lint_override_by || ': ' || lint_override_reason FROM runs WHERE id = ? AND lint_override_by IS NOT NULL")
                .param(id).query(String.class).optional();
    }

    public void overrideLint(long id, Actor approver, String reason) {
        jdbc.sql("UPDATE runs SET lint_override_by = ?, lint_override_reason = ?, updated_at = ? WHERE id = ?")
                .params(approver.name() + " (" + approver.id() + ")", reason, Timestamp.from(clock.instant()), id).update();
    }

    /**
     * The same migrations seen again with what stands in their way now (upstream, drift, lint, pre-check
     * preview): approvals are bound to the migrations, so they keep counting.
     */
    public void refreshPlan(long id, RunPlan plan) {
        jdbc.sql("UPDATE runs SET plan = ?::jsonb, updated_at = ? WHERE id = ? AND plan_fingerprint = ?")
                .params(toJson(plan), Timestamp.from(clock.instant()), id, plan.fingerprint()).update();
    }

    /** A new plan: earlier approvals and any lint override no longer count. */
    public void replacePlan(long id, RunPlan plan, String voidReason) {
        jdbc.sql("UPDATE runs SET plan = ?::jsonb, plan_fingerprint = ?, approvals_void_reason = ?, updated_at = ?,"
                        + " lint_override_by = NULL, lint_override_reason = NULL WHERE id = ?")
                .params(toJson(plan), plan.fingerprint(), voidReason, Timestamp.from(clock.instant()), id).update();
        jdbc.sql("UPDATE approvals SET void = true WHERE run_id = ? AND NOT void").param(id).update();
    }

    /** Records a vote; false when this person has already voted for this purpose. */
    public boolean addApproval(long runId, Approval.Purpose purpose, Actor approver) {
        return jdbc.sql("INSERT INTO approvals (run_id, purpose, approver_id, approver_name, decided_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(runId, purpose.name(), approver.id(), approver.name(), Timestamp.from(clock.instant()))
                .update() == 1;
    }

    public List<Approval> approvals(long runId, Approval.Purpose purpose) {
        return jdbc.sql("SELECT run_id, purpose, approver_id, approver_name, decided_at FROM approvals"
                        + " WHERE run_id = ? AND purpose = ? AND NOT void ORDER BY id")
                .params(runId, purpose.name())
                .query((rs, n) -> new Approval(rs.getLong(1), Approval.Purpose.valueOf(rs.getString(2)),
                        new Actor(rs.getString(3), rs.getString(4)), rs.getTimestamp(5).toInstant()))
                .list();
    }

    private void voidApprovals(long runId, Approval.Purpose purpose) {
        jdbc.sql("UPDATE approvals SET void = true WHERE run_id = ? AND purpose = ? AND NOT void")
                .params(runId, purpose.name()).update();
    }

    private MigrationRun map(ResultSet rs, int row) throws SQLException {
        return new MigrationRun(rs.getLong("id"), rs.getString("target"), RunState.valueOf(rs.getString("state")),
                new Actor(rs.getString("requester_id"), rs.getString("requester_name")), rs.getString("reason"),
                rs.getString("to_version"), fromJson(rs.getString("plan")), rs.getString("channel"),
                rs.getString("step"), instant(rs, "step_started_at"), rs.getString("outcome"),
                rs.getString("approvals_void_reason"),
                rs.getString("state_before_rollback") == null ? null : RunState.valueOf(rs.getString("state_before_rollback")),
                rs.getString("rollback_requester_id") == null ? null
                        : new Actor(rs.getString("rollback_requester_id"), rs.getString("rollback_requester_name")),
                rs.getString("rollback_reason"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String quoted(Set<String> names) {
        return names.stream().sorted().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private String toJson(RunPlan plan) {
        try {
            return json.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunPlan fromJson(String text) {
        try {
            return json.readValue(text, RunPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run plan is not readable: " + e.getMessage(), e);
        }
    }
}
