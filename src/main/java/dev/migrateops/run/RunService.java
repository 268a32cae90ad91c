package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people can do to runs: request, approve, reject, cancel, close, ask for a rollback. Each action is
 * one decision: whatever it must read from a target is read first, then one transaction of the bot's
 * store locks the run, asks the policy, and writes the transition, the vote and the events (whose
 * listeners write the audit row and the messages) together. Refusals are audited and thrown as
 * {@link RunRefusedException}; work that a decision starts begins only after it committed.
 */
@Service
public class RunService {

    private final RunRepository runs;
    private final RunPlanner planner;
    private final ApprovalPolicy policy;
    private final AuditLog audit;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final RunPipeline pipeline;
    private final BackupService backups;
    private final BackupStore backupStore;
    private final TransactionTemplate transaction;

    public RunService(RunRepository runs, RunPlanner planner, ApprovalPolicy policy, AuditLog audit, MigrationEngine engine,
                      RunEvents events, RunPipeline pipeline, BackupService backups, BackupStore backupStore,
                      TransactionTemplate transaction) {
        this.runs = runs;
        this.planner = planner;
        this.policy = policy;
        this.audit = audit;
        this.engine = engine;
        this.events = events;
        this.pipeline = pipeline;
        this.backups = backups;
        this.backupStore = backupStore;
        this.transaction = transaction;
    }

    public MigrationRun request(String target, Actor requester, String reason, Optional<MigrationVersion> to) {
        TargetProperties settings = engine.targets().get(target).settings();
        MigrationRun run = refusalsAudited(null, requester, "apply " + target, () -> {
            policy.checkRequestAllowed(target, settings);
            RunPlan plan = planner.plan(target, to);
            if (plan.migrations().isEmpty() && plan.drift().isEmpty()) {
                throw new RunRefusedException("nothing to apply on " + target + ": it is up to date");
            }
            return decide(() -> {
                MigrationRun created = runs.create(target, requester, reason, to.map(Object::toString).orElse(null), plan,
                        settings.incidentChannel()).orElse(null);
                if (created == null) {
                    return null;
                }
                events.publish(new RunEvent.Requested(created));
                if (settings.approvalsRequired() == 0 && plan.approvable() && policy.withinChangeWindow(settings)) {
                    return approved(created.id(), Approval.Purpose.APPLY, List.of());
                }
                return created;
            });
        });
        if (run == null) {
            throw refusedAudited(null, requester, "apply " + target, busy(target));
        }
        startWhatWasApproved(run);
        return run;
    }

    /** Records an approval; when it completes the quorum, the run (or its rollback) starts. */
    public MigrationRun approve(long runId, Actor voter) {
        return approve(runId, voter, Optional.empty());
    }

    /**
     * True when approving this run's rollback restores a backup: the approver must then confirm by typing
     * the target's name ({@link #approve(long, Actor, Optional)}).
     */
    public boolean approvalNeedsTypedTarget(long runId) {
        return restoreNeedsTypedTarget(runs.get(runId));
    }

    private boolean restoreNeedsTypedTarget(MigrationRun run) {
        return run.state() == RunState.ROLLBACK_REQUESTED && (runs.rollbackByRestore(run.id())
                || engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(run.id()))).restoreRequired());
    }

    /** Refuses (and audits) a vote early, before a confirmation dialog is shown. */
    public void checkMayApprove(long runId, Actor voter) {
        MigrationRun run = runs.get(runId);
        refusalsAudited(runId, voter, "approve", () -> {
            policy.checkVoter(run, settings(run), voter,
                    run.state() == RunState.ROLLBACK_REQUESTED ? Approval.Purpose.ROLLBACK : Approval.Purpose.APPLY);
            return run;
        });
    }

    public MigrationRun approve(long runId, Actor voter, Optional<String> typedTarget) {
        MigrationRun after = refusalsAudited(runId, voter, "approve", () -> {
            Verdict verdict = decide(() -> vote(runId, voter, typedTarget));
            if (verdict.refusal() != null) {
                throw verdict.refusal();
            }
            return verdict.run();
        });
        startWhatWasApproved(after);
        return after;
    }

    /** A decision that may have to commit what it found (void approvals) and still refuse. */
    private record Verdict(MigrationRun run, RunRefusedException refusal) {
    }

    private Verdict vote(long runId, Actor voter, Optional<String> typedTarget) {
        MigrationRun run = runs.lock(runId);
        Approval.Purpose purpose = switch (run.state()) {
            case REQUESTED -> Approval.Purpose.APPLY;
            case ROLLBACK_REQUESTED -> Approval.Purpose.ROLLBACK;
            default -> throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": there is nothing to approve");
        };
        TargetProperties settings = settings(run);
        policy.checkVoter(run, settings, voter, purpose);
        if (purpose == Approval.Purpose.APPLY) {
            // readiness is read live at every vote, never taken from the plan the card was drawn with
            RunPlan now = livePlan(run);
            if (!now.fingerprint().equals(run.plan().fingerprint())) {
                return new Verdict(run, voidApprovals(run, now));
            }
            if (!now.equals(run.plan())) {
                runs.refreshPlan(runId, now);
                run = runs.get(runId);
            }
            policy.checkPlanApprovable(run, settings, runs.lintOverride(runId).isPresent());
        } else if (restoreNeedsTypedTarget(run) && !typedTarget.map(String::strip).filter(run.target()::equals).isPresent()) {
            throw new RunRefusedException("this rollback restores a backup of " + run.target() + ": confirm it in the dialog "
                    + "by typing the target's name exactly" + typedTarget.map(t -> " (you typed \"" + t + "\")").orElse(""));
        }
        List<Approval> current = policy.current(runs.approvals(runId, purpose), settings);
        if (current.stream().anyMatch(a -> a.approver().id().equals(voter.id())) || !runs.addApproval(runId, purpose, voter)) {
            throw new RunRefusedException("you have already approved run " + run.label());
        }
        if (current.size() + 1 < settings.approvalsRequired()) {
            MigrationRun voted = runs.get(runId);
            events.publish(new RunEvent.ApprovalAdded(voted, voter, purpose));
            return new Verdict(voted, null);
        }
        policy.checkChangeWindow(run.target(), settings);
        events.publish(new RunEvent.ApprovalAdded(run, voter, purpose));
        List<String> approvers = new java.util.ArrayList<>(current.stream().map(a -> a.approver().id()).toList());
        approvers.add(voter.id());
        return new Verdict(approved(runId, purpose, approvers), null);
    }

    /** An approver (not the requester) accepts the run's lint errors, with a reason that is shown and audited. */
    public MigrationRun overrideLint(long runId, Actor approver, String reason) {
        return refusalsAudited(runId, approver, "override", () -> decide(() -> {
            MigrationRun run = runs.lock(runId);
            if (run.state() != RunState.REQUESTED) {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": lint can only be overridden before approval");
            }
            if (run.plan().blockingLint().isEmpty()) {
                throw new RunRefusedException("run " + run.label() + " has no lint error to override");
            }
            if (reason == null || reason.isBlank()) {
                throw new RunRefusedException("say why you accept the lint errors of run " + run.label(),
                        RunRefusedException.Remedy.OVERRIDE_LINT, runId, List.of());
            }
            policy.checkVoter(run, settings(run), approver, Approval.Purpose.APPLY);
            runs.overrideLint(runId, approver, reason);
            MigrationRun after = runs.get(runId);
            events.publish(new RunEvent.LintOverridden(after, approver, run.plan().blockingLint().size(), reason));
            return after;
        }));
    }

    /** Ends a run's monitoring window early: the requester or an approver says it looks fine. */
    public MigrationRun close(long runId, Actor who) {
        return refusalsAudited(runId, who, "close", () -> decide(() -> {
            MigrationRun run = runs.lock(runId);
            if (!who.id().equals(run.requester().id()) && !policy.isApprover(who, settings(run))) {
                throw new RunRefusedException("only the requester or an approver of " + run.target() + " may close run " + run.label());
            }
            if (run.state() != RunState.MONITORING) {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": only a run being monitored can be closed");
            }
            MigrationRun after = runs.transition(runId, RunState.COMPLETED, null, "completed; monitoring closed early by " + who.name());
            events.publish(new RunEvent.Completed(after, RunEvent.Completion.CLOSED_EARLY, Optional.of(who), List.of()));
            return after;
        }));
    }

    /** Refuses (and audits) a reject click early, before asking for a reason. */
    public void checkMayReject(long runId, Actor who) {
        MigrationRun run = runs.get(runId);
        refusalsAudited(runId, who, "reject", () -> {
            mayReject(run, who);
            return run;
        });
    }

    private void mayReject(MigrationRun run, Actor who) {
        TargetProperties settings = settings(run);
        if (!policy.isApprover(who, settings) || who.id().equals(run.requester().id())) {
            throw new RunRefusedException("only an approver of " + run.target() + " other than the requester may reject; "
                    + "the requester can cancel instead");
        }
        if (run.state() != RunState.REQUESTED && run.state() != RunState.ROLLBACK_REQUESTED) {
            throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": it cannot be rejected now");
        }
    }

    public MigrationRun reject(long runId, Actor who, String reason) {
        return refusalsAudited(runId, who, "reject", () -> decide(() -> {
            MigrationRun run = runs.lock(runId);
            mayReject(run, who);
            String outcome = "rejected by " + who.name() + ": " + reason;
            boolean ofRollback = run.state() == RunState.ROLLBACK_REQUESTED;
            MigrationRun after = ofRollback ? runs.returnFromRollbackRequest(runId, "rollback " + outcome)
                    : runs.transition(runId, RunState.REJECTED, null, outcome);
            events.publish(new RunEvent.Rejected(after, who, reason, ofRollback));
            return after;
        }));
    }

    public MigrationRun cancel(long runId, Actor who) {
        MigrationRun result = refusalsAudited(runId, who, "cancel", () -> decide(() -> {
            MigrationRun run = runs.lock(runId);
            if (!who.id().equals(run.requester().id()) && !policy.isApprover(who, settings(run))) {
                throw new RunRefusedException("only the requester or an approver of " + run.target() + " may cancel run " + run.label());
            }
            if (run.state() == RunState.APPLYING) {
                events.publish(new RunEvent.CancelRequested(run, who));
                return run;
            }
            MigrationRun after;
            if (run.state().beforeApplying()) {
                after = runs.transition(runId, RunState.CANCELLED, null, "cancelled by " + who.name());
            } else if (run.state() == RunState.ROLLBACK_REQUESTED) {
                after = runs.returnFromRollbackRequest(runId, "rollback cancelled by " + who.name());
            } else {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": it can no longer be cancelled"
                        + (run.state().active() ? "" : "; ask for a rollback instead"));
            }
            events.publish(new RunEvent.Cancelled(after, who, run.state(), run.state() == RunState.ROLLBACK_REQUESTED));
            return after;
        }));
        if (result.state() == RunState.APPLYING) {
            pipeline.cancelApplying(runId, who);
            return runs.get(runId);
        }
        return result;
    }

    /**
     * Asks for a rollback: by the down scripts, or — when a migration has none, or {@code byRestore} is
     * asked for — by restoring the run's verified backup.
     */
    public MigrationRun requestRollback(long runId, Actor who, String reason, boolean byRestore) {
        MigrationRun seen = runs.get(runId);
        MigrationRun after = refusalsAudited(runId, who, "rollback", () -> {
            if (!seen.state().canMoveTo(RunState.ROLLBACK_REQUESTED)) {
                throw new RunRefusedException("run " + seen.label() + " is " + seen.state() + ": only a completed, failed or "
                        + "interrupted run can be rolled back");
            }
            RollbackPlan plan = engine.rollbackPlan(seen.target(), RollbackSelector.run(String.valueOf(runId)));
            if (plan.steps().isEmpty()) {
                throw new RunRefusedException("run " + seen.label() + " applied nothing that is still applied: nothing to roll back");
            }
            boolean restore = byRestore || plan.restoreRequired();
            Optional<RunEvent.RestoreNotice> notice = restore ? Optional.of(restoreNotice(seen, plan)) : Optional.empty();
            try {
                return decide(() -> {
                    MigrationRun requested = runs.requestRollback(runId, who, reason, restore);
                    events.publish(new RunEvent.RollbackRequested(requested, who, reason, plan.describe(),
                            byRestore && !plan.restoreRequired(), notice));
                    if (settings(requested).approvalsRequired() == 0 && !restore) {
                        return approved(runId, Approval.Purpose.ROLLBACK, List.of());
                    }
                    return requested;
                });
            } catch (DuplicateKeyException e) {
                throw busy(seen.target());
            }
        });
        startWhatWasApproved(after);
        return after;
    }

    private RunEvent.RestoreNotice restoreNotice(MigrationRun run, RollbackPlan plan) {
        BackupArtifact backup = backupStore.verifiedForRun(run.id()).orElseThrow(() -> new RunRefusedException(
                plan.describe() + "\nbut run " + run.label() + " has no verified backup (backup: off?), so MigrateOps "
                        + "cannot roll it back: restore by hand or write a down file and a new migration"));
        return new RunEvent.RestoreNotice(backup.id(), backup.size(), backup.createdAt(),
                backups.lossesSince(backup, engine.targets().get(run.target())));
    }

    /** The quorum is complete: the run (or its rollback) moves on, in the deciding transaction. */
    private MigrationRun approved(long runId, Approval.Purpose purpose, List<String> approvers) {
        MigrationRun after = purpose == Approval.Purpose.APPLY
                ? runs.transition(runId, RunState.APPROVED, "starting", null)
                : runs.transition(runId, RunState.ROLLING_BACK, "rolling back", null);
        events.publish(new RunEvent.Approved(after, purpose, approvers));
        return after;
    }

    private void startWhatWasApproved(MigrationRun run) {
        if (run.state() == RunState.APPROVED) {
            pipeline.start(run.id());
        } else if (run.state() == RunState.ROLLING_BACK) {
            pipeline.startRollback(run.id());
        }
    }

    private RunPlan livePlan(MigrationRun run) {
        return planner.readinessOf(run);
    }

    /** The migrations changed since the card was drawn: the votes are void, and this one is refused. */
    private RunRefusedException voidApprovals(MigrationRun run, RunPlan now) {
        String why = run.plan().differenceFrom(now);
        runs.replacePlan(run.id(), now, why);
        events.publish(new RunEvent.ApprovalsVoided(runs.get(run.id()), why, false));
        return new RunRefusedException("the plan of run " + run.label() + " changed (" + why + "); earlier approvals no "
                + "longer count. Review the updated card and approve again");
    }

    private TargetProperties settings(MigrationRun run) {
        return engine.targets().get(run.target()).settings();
    }

    private RunRefusedException busy(String target) {
        return runs.activeOn(target)
                .map(active -> new RunRefusedException(target + " already has run " + active.label() + " (" + active.state()
                        + ", requested by " + active.requester().name() + "): wait for it to end, or cancel it",
                        RunRefusedException.Remedy.CANCEL_ACTIVE_RUN, active.id(), List.of()))
                .orElseGet(() -> new RunRefusedException(target + " is busy with another run; try again in a moment"));
    }

    private <T> T decide(Decision<T> decision) {
        return transaction.execute(status -> decision.take());
    }

    private interface Decision<T> {
        T take();
    }

    private MigrationRun refusalsAudited(Long runId, Actor actor, String action, Decision<MigrationRun> work) {
        try {
            return work.take();
        } catch (RunRefusedException | IllegalTransitionException e) {
            throw refusedAudited(runId, actor, action, e);
        }
    }

    private RunRefusedException refusedAudited(Long runId, Actor actor, String action, RuntimeException e) {
        audit.record(runId, actor, "refused." + action.split(" ")[0], Map.of("action", action, "why", e.getMessage()));
        return e instanceof RunRefusedException refused ? refused : new RunRefusedException(e.getMessage());
    }
}
