package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.MigrationEngine;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds runs a crash or restart left mid-step. They are never resumed into a half-known state: what the
 * target's history says was applied is recorded, the run becomes INTERRUPTED, and the team is told
 * with the rollback options. The target's advisory lock died with the old process's sessions.
 */
@Component
public class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final MigrationEngine engine;
    private final AuditLog audit;
    private final RunEvents events;
    private final RunTransitions transitions;

    RunRecovery(RunRepository runs, MigrationEngine engine, AuditLog audit, RunEvents events, RunTransitions transitions) {
        this.runs = runs;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.transitions = transitions;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recoverInterruptedRuns() {
        for (MigrationRun run : runs.inState(EnumSet.of(RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP,
                RunState.APPLYING, RunState.VERIFYING, RunState.ROLLING_BACK))) {
            interrupt(run);
        }
    }

    private void interrupt(MigrationRun run) {
        String applied;
        try {
            List<AppliedMigration> rows = engine.history(run.target()).stream()
                    .filter(row -> String.valueOf(run.id()).equals(row.runId())).toList();
            applied = rows.isEmpty() ? "nothing" : rows.stream()
                    .map(r -> r.version() + " " + r.name() + (r.success() ? "" : " (part-way)")).collect(Collectors.joining(", "));
            audit.record(run.id(), Actor.BOT, "run.recovered_history", Map.of("applied", rows.stream()
                    .map(r -> r.version() + ":" + r.checksum() + (r.success() ? "" : ":failed")).toList()));
        } catch (RuntimeException e) {
            applied = "unknown — the target's history could not be read (" + e.getMessage() + ")";
        }
        String outcome = "interrupted: MigrateOps stopped while the run was " + run.state() + "; according to " + run.target()
                + "'s history, this run applied: " + applied;
        RollbackOptions options = transitions.rollbackOptions(run);
        String what = applied;
        transitions.inTransaction(() -> {
            MigrationRun after = runs.transition(run.id(), RunState.INTERRUPTED, null, outcome);
            events.publish(new RunEvent.Interrupted(after, run.state(), what, options));
        });
        log.warn("run #{} was {} when the bot stopped; marked INTERRUPTED", run.id(), run.state());
    }
}
