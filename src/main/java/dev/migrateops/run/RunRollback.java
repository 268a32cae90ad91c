package dev.migrateops.run;

import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.Restored;
import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackResult;
import dev.migrateops.engine.RollbackSelector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rolls an approved rollback back: the down scripts, newest first, or — when one is missing or a restore
 * was asked for — the run's verified backup restored in one transaction.
 */
@Component
class RunRollback {

    private static final Logger log = LoggerFactory.getLogger(RunRollback.class);

    private final RunRepository runs;
    private final RunSteps timeline;
    private final RunEvents events;
    private final RunTransitions transitions;
    private final MigrationEngine engine;
    private final BackupService backups;
    private final BackupStore backupStore;
    private final ApplyCancellations cancellations;

    RunRollback(RunRepository runs, RunSteps timeline, RunEvents events, RunTransitions transitions, MigrationEngine engine,
                BackupService backups, BackupStore backupStore, ApplyCancellations cancellations) {
        this.runs = runs;
        this.timeline = timeline;
        this.events = events;
        this.transitions = transitions;
        this.engine = engine;
        this.backups = backups;
        this.backupStore = backupStore;
        this.cancellations = cancellations;
    }

    void rollBack(long runId) {
        MigrationRun run = runs.get(runId);
        transitions.inRun(runId, () -> {
            timeline.start(runId, Step.ROLLBACK.label());
            events.publish(new RunEvent.StepStarted(run, Step.ROLLBACK));
        });
        try {
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(runId)), RunPlanner.revisionOf(run));
            if (plan.restoreRequired() || runs.rollbackByRestore(runId)) {
                restore(run);
                return;
            }
            long start = System.nanoTime();
            RunNarrator narrator = new RunNarrator(run, transitions, cancellations, engine);
            RollbackResult result;
            try {
                result = engine.rollback(run.target(), RollbackSelector.run(String.valueOf(runId)), narrator, RunPlanner.revisionOf(run));
            } finally {
                narrator.stopWatching();
            }
            narrator.flush();
            if (!result.success()) {
                transitions.fail(run, new Failure(Failure.Kind.ROLLBACK, "Rollback stopped: " + result.failure().get().describe(),
                        List.of("Rolled back: " + (result.rolledBack().isEmpty() ? "nothing" : String.join(", ", result.rolledBack())))));
                return;
            }
            finish(runId, "rolled back: " + String.join(", ", result.rolledBack()), result.rolledBack(), Optional.empty(),
                    Duration.ofNanos(System.nanoTime() - start), List.of());
        } catch (IllegalTransitionException | LeaseLostException e) {
            log.info("rollback of run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            transitions.fail(runs.get(runId), new Failure(Failure.Kind.ROLLBACK, "Rollback failed: " + e.getMessage()
                    + " — nothing more was changed"));
        }
    }

    /** Restores the run's verified backup into its target, in one transaction. */
    private void restore(MigrationRun run) {
        BackupArtifact backup = backupStore.verifiedForRun(run.id()).orElseThrow(() -> new BackupException(
                "run " + run.label() + " has no verified backup to restore"));
        transitions.tell(new RunEvent.RestoreStarted(run, backup));
        Restored restored = backups.restore(backup, engine.targets().get(run.target()),
                progress -> transitions.tell(new RunEvent.WorkProgressed(run, "", progress)));
        if (!restored.differences().isEmpty()) {
            // the restore happened, but not exactly: a rollback that did not bring the backup back is no success
            transitions.fail(run, new Failure(Failure.Kind.ROLLBACK, "Restored backup #" + backup.id() + ", but " + run.target()
                    + " still differs from it", restored.differences()));
            return;
        }
        finish(run.id(), "restored backup #" + backup.id(), List.of(), Optional.of(backup), restored.took(), restored.removed());
    }

    private void finish(long runId, String outcome, List<String> versions, Optional<BackupArtifact> backup, Duration took,
                        List<String> removed) {
        transitions.inRun(runId, () -> {
            timeline.finish(runId, "done");
            MigrationRun after = runs.transition(runId, RunState.ROLLED_BACK, null, outcome);
            events.publish(new RunEvent.RolledBack(after, versions, backup, took, removed));
        });
    }
}
