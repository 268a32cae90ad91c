package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackSelector;
import dev.migrateops.policy.Action;
import dev.migrateops.text.Plural;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Asking for a rollback of a completed, failed or interrupted run: by its down scripts, or by restoring its
 * verified backup (what a restore would lose is told first). Approved like a run, see {@link RunApprovals}.
 */
@Service
public class RunRollbacks {

    private final RunRepository runs;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final BackupService backups;
    private final BackupStore backupStore;
    private final RunDecisions decisions;
    private final ApprovalPolicy policy;

    RunRollbacks(RunRepository runs, MigrationEngine engine, RunEvents events, BackupService backups, BackupStore backupStore,
                 RunDecisions decisions, ApprovalPolicy policy) {
        this.runs = runs;
        this.engine = engine;
        this.events = events;
        this.backups = backups;
        this.backupStore = backupStore;
        this.decisions = decisions;
        this.policy = policy;
    }

    /**
     * Asks for a rollback: by the down scripts, or — when a migration has none, or {@code byRestore} is
     * asked for — by restoring the run's verified backup.
     */
    public MigrationRun requestRollback(long runId, Actor who, String reason, boolean byRestore) {
        return request(runId, who, reason, byRestore, false, Optional.empty());
    }

    /**
     * Asks for a rollback and starts it in one decision, for someone who cannot wait for votes: where the
     * target needs none and no backup is restored, or with {@code waiver} — a break-glass reason, shown and
     * audited, in place of the votes (a restore always needs one).
     */
    public MigrationRun startNow(long runId, Actor who, String reason, boolean byRestore, Optional<String> waiver) {
        return request(runId, who, reason, byRestore, true, waiver);
    }

    /** The newest run on a target, the one a rollback is usually about. */
    public Optional<MigrationRun> latestOn(String target) {
        return runs.recent(Optional.of(target), 1).stream().findFirst();
    }

    private MigrationRun request(long runId, Actor who, String reason, boolean byRestore, boolean now, Optional<String> waiver) {
        MigrationRun seen = runs.find(runId).orElseThrow(() -> new RunRefusedException("there is no run #" + runId));
        MigrationRun after = decisions.audited(runId, who, "rollback", () -> {
            if (waiver.isEmpty() && !policy.allows(Action.ROLLBACK, who, seen, decisions.settings(seen))) {
                throw new RunRefusedException("only the requester or an approver of " + seen.target() + " may ask for the rollback of run "
                        + seen.label(), RunRefusedException.Remedy.ASK_APPROVERS, runId, decisions.settings(seen).approvers());
            }
            if (!seen.state().canMoveTo(RunState.ROLLBACK_REQUESTED)) {
                throw new RunRefusedException("run " + seen.label() + " is " + seen.state() + ": only a completed, failed or "
                        + "interrupted run can be rolled back");
            }
            RollbackPlan plan = engine.rollbackPlan(seen.target(), RollbackSelector.run(String.valueOf(runId)), RunPlanner.revisionOf(seen));
            if (plan.steps().isEmpty()) {
                throw new RunRefusedException("run " + seen.label() + " applied nothing that is still applied: nothing to roll back");
            }
            boolean restore = byRestore || plan.restoreRequired();
            int required = decisions.settings(seen).approvalsRequired();
            if (now && waiver.isEmpty() && (required > 0 || restore)) {
                throw new RunRefusedException("the rollback of run " + seen.label() + (restore ? " restores a backup of " + seen.target()
                        + ", which needs an approval" : " needs " + Plural.of(required, "approval")) + ": have it approved, or waive the "
                        + "approvals with a break-glass reason", RunRefusedException.Remedy.WAIVE_APPROVALS, runId,
                        decisions.settings(seen).approvers());
            }
            Optional<RunEvent.RestoreNotice> notice = restore ? Optional.of(restoreNotice(seen, plan)) : Optional.empty();
            try {
                return decisions.decide(() -> {
                    MigrationRun requested = runs.requestRollback(runId, who, reason, restore);
                    events.publish(new RunEvent.RollbackRequested(requested, who, reason, plan.describe(),
                            byRestore && !plan.restoreRequired(), notice));
                    if (required == 0 && !restore) {
                        return decisions.approved(runId, Approval.Purpose.ROLLBACK, List.of());
                    }
                    if (waiver.isPresent()) {
                        events.publish(new RunEvent.ApprovalsWaived(requested, who, Approval.Purpose.ROLLBACK, Math.max(required, 1),
                                waiver.get()));
                        return decisions.approved(runId, Approval.Purpose.ROLLBACK, List.of());
                    }
                    return requested;
                });
            } catch (DuplicateKeyException e) {
                throw decisions.busy(seen.target());
            }
        });
        decisions.startWhatWasApproved(after);
        return after;
    }

    private RunEvent.RestoreNotice restoreNotice(MigrationRun run, RollbackPlan plan) {
        BackupArtifact backup = backupStore.verifiedForRun(run.id()).orElseThrow(() -> new RunRefusedException(
                plan.describe() + "\nbut run " + run.label() + " has no verified backup (backup: off?), so MigrateOps "
                        + "cannot roll it back: restore by hand or write a down file and a new migration"));
        return new RunEvent.RestoreNotice(backup.id(), backup.size(), backup.createdAt(),
                backups.lossesSince(backup, engine.targets().get(run.target())));
    }
}
