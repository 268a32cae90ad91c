package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackSelector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What people can do to runs: request, approve, reject, cancel, ask for a rollback. Each action is
 * checked against the target's policy; refusals are audited and thrown as {@link RunRefusedException}.
 */
@Service
public class RunService {

    private final RunRepository runs;
    private final RunPlanner planner;
    private final ApprovalPolicy policy;
    private final AuditLog audit;
    private final MigrationEngine engine;
    private final RunObserver observer;
    private final RunPipeline pipeline;
    private final BackupService backups;
    private final BackupStore backupStore;

    public RunService(RunRepository runs, RunPlanner planner, ApprovalPolicy policy, AuditLog audit,
                      MigrationEngine engine, RunObserver observer, RunPipeline pipeline, BackupService backups,
                      BackupStore backupStore) {
        this.runs = runs;
        this.planner = planner;
        this.policy = policy;
        this.audit = audit;
        this.engine = engine;
        this.observer = observer;
        this.pipeline = pipeline;
        this.backups = backups;
        this.backupStore = backupStore;
    }

    public MigrationRun request(String target, Actor requester, String reason, Optional<MigrationVersion> to) {
        TargetProperties settings = engine.targets().get(target).settings();
        return refusalsAudited(null, requester, "apply " + target, () -> {
            policy.checkRequestAllowed(target, settings);
            RunPlan plan = planner.plan(target, to);
            if (plan.migrations().isEmpty() && plan.drift().isEmpty()) {
                throw new RunRefusedException("nothing to apply on " + target + ": it is up to date");
            }
            Optional<MigrationRun> created = runs.create(target, requester, reason, to.map(Object::toString).orElse(null),
                    plan, settings.incidentChannel());
            MigrationRun run = created.orElseThrow(() -> busy(target));
            audit.record(run.id(), requester, "run.requested", Map.of("target", target, "reason", String.valueOf(reason),
                    "migrations", plan.migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList(),
                    "drift", plan.drift(), "missingUpstream", plan.missingUpstream(),
                    "lint", plan.lint().stream().map(f -> f.rule() + "@" + f.location()
                            + (f.acknowledged() == null ? "" : " allowed: " + f.acknowledged())).toList(),
                    "preChecks", plan.preChecks().stream().map(c -> c.status() + " " + c.name()).toList()));
            observer.runChanged(run);
            if (!plan.lint().isEmpty()) {
                observer.step(run, "🔎 Lint: " + plan.lint().size() + " finding(s)\n• " + plan.lint().stream()
                        .map(dev.migrateops.lint.Finding::describe).collect(java.util.stream.Collectors.joining("\n• ")));
            }
            if (settings.approvalsRequired() == 0 && plan.drift().isEmpty() && plan.missingUpstream().isEmpty()
                    && plan.blockingLint().isEmpty()
                    && policy.withinChangeWindow(settings)) {
                run = runs.transition(run.id(), RunState.APPROVED, "starting", null);
                audit.record(run.id(), Actor.BOT, "run.approved", Map.of("approvals", 0, "policy", "approvals-required: 0"));
                observer.runChanged(run);
                pipeline.start(run.id());
            }
            return run;
        });
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
        MigrationRun run = runs.get(runId);
        return run.state() == RunState.ROLLBACK_REQUESTED && (runs.rollbackByRestore(runId)
                || engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(runId))).restoreRequired());
    }

    /** Refuses (and audits) a vote early, before a confirmation dialog is shown. */
    public void checkMayApprove(long runId, Actor voter) {
        MigrationRun run = runs.get(runId);
        refusalsAudited(runId, voter, "approve", () -> {
            policy.checkVoter(run, engine.targets().get(run.target()).settings(), voter,
                    run.state() == RunState.ROLLBACK_REQUESTED ? Approval.Purpose.ROLLBACK : Approval.Purpose.APPLY);
            return run;
        });
    }

    public MigrationRun approve(long runId, Actor voter, Optional<String> typedTarget) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, voter, "approve", () -> {
            Approval.Purpose purpose = switch (run.state()) {
                case REQUESTED -> Approval.Purpose.APPLY;
                case ROLLBACK_REQUESTED -> Approval.Purpose.ROLLBACK;
                default -> throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": there is nothing to approve");
            };
            TargetProperties settings = engine.targets().get(run.target()).settings();
            policy.checkVoter(run, settings, voter, purpose);
            if (purpose == Approval.Purpose.APPLY) {
                checkPlanStillCurrent(run);
                policy.checkPlanApprovable(run, settings, runs.lintOverride(runId).isPresent());
            } else if (approvalNeedsTypedTarget(runId) && !typedTarget.map(String::strip).filter(run.target()::equals).isPresent()) {
                throw new RunRefusedException("this rollback restores a backup of " + run.target() + ": confirm it in the dialog "
                        + "by typing the target's name exactly" + typedTarget.map(t -> " (you typed \"" + t + "\")").orElse(""));
            }
            List<Approval> current = policy.current(runs.approvals(runId, purpose), settings);
            if (current.size() + 1 >= settings.approvalsRequired()) {
                policy.checkChangeWindow(run.target(), settings);
            }
            if (!runs.addApproval(runId, purpose, voter)) {
                throw new RunRefusedException("you have already approved run " + run.label());
            }
            audit.record(runId, voter, purpose == Approval.Purpose.APPLY ? "run.approval" : "rollback.approval", Map.of());
            current = policy.current(runs.approvals(runId, purpose), settings);
            MigrationRun after = runs.get(runId);
            if (policy.quorum(current, settings)) {
                try {
                    after = purpose == Approval.Purpose.APPLY
                            ? runs.transition(runId, RunState.APPROVED, "starting", null)
                            : runs.transition(runId, RunState.ROLLING_BACK, "rolling back", null);
                    audit.record(runId, Actor.BOT, purpose == Approval.Purpose.APPLY ? "run.approved" : "rollback.approved",
                            Map.of("approvers", current.stream().map(a -> a.approver().id()).toList()));
                } catch (IllegalTransitionException e) {
                    // another approver completed the quorum at the same moment: this vote counted, the run has started
                    return runs.get(runId);
                }
            }
            observer.runChanged(after);
            if (after.state() == RunState.APPROVED) {
                pipeline.start(runId);
            } else if (after.state() == RunState.ROLLING_BACK) {
                pipeline.startRollback(runId);
            }
            return after;
        });
    }

    /** An approver (not the requester) accepts the run's lint errors, with a reason that is shown and audited. */
    public MigrationRun overrideLint(long runId, Actor approver, String reason) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, approver, "override", () -> {
            if (run.state() != RunState.REQUESTED) {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": lint can only be overridden before approval");
            }
            if (run.plan().blockingLint().isEmpty()) {
                throw new RunRefusedException("run " + run.label() + " has no lint error to override");
            }
            if (reason == null || reason.isBlank()) {
                throw new RunRefusedException("say why: `/migrate override " + runId + " <reason>`");
            }
            policy.checkVoter(run, engine.targets().get(run.target()).settings(), approver, Approval.Purpose.APPLY);
            runs.overrideLint(runId, approver, reason);
            audit.record(runId, approver, "lint.overridden", Map.of("reason", reason, "findings",
                    run.plan().blockingLint().stream().map(f -> f.rule() + "@" + f.location()).toList()));
            MigrationRun after = runs.get(runId);
            observer.runChanged(after);
            observer.step(after, "🛂 " + approver.name() + " accepted " + run.plan().blockingLint().size() + " lint error(s): " + reason);
            return after;
        });
    }

    /** Ends a run's monitoring window early: the requester or an approver says it looks fine. */
    public MigrationRun close(long runId, Actor who) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, who, "close", () -> {
            TargetProperties settings = engine.targets().get(run.target()).settings();
            if (!who.id().equals(run.requester().id()) && !policy.isApprover(who, settings)) {
                throw new RunRefusedException("only the requester or an approver of " + run.target() + " may close run " + run.label());
            }
            if (run.state() != RunState.MONITORING) {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": only a run being monitored can be closed");
            }
            MigrationRun after = runs.transition(runId, RunState.COMPLETED, null, "completed; monitoring closed early by " + who.name());
            audit.record(runId, who, "run.closed", Map.of("early", true));
            observer.runChanged(after);
            observer.step(after, "🎉 Completed: " + who.name() + " closed the monitoring window early");
            return after;
        });
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
        TargetProperties settings = engine.targets().get(run.target()).settings();
        if (!policy.isApprover(who, settings) || who.id().equals(run.requester().id())) {
            throw new RunRefusedException("only an approver of " + run.target() + " other than the requester may reject; "
                    + "the requester can cancel instead");
        }
        if (run.state() != RunState.REQUESTED && run.state() != RunState.ROLLBACK_REQUESTED) {
            throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": it cannot be rejected now");
        }
    }

    public MigrationRun reject(long runId, Actor who, String reason) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, who, "reject", () -> {
            mayReject(run, who);
            String outcome = "rejected by " + who.name() + ": " + reason;
            MigrationRun after = switch (run.state()) {
                case REQUESTED -> runs.transition(runId, RunState.REJECTED, null, outcome);
                case ROLLBACK_REQUESTED -> runs.returnFromRollbackRequest(runId, "rollback " + outcome);
                default -> throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": it cannot be rejected now");
            };
            audit.record(runId, who, "run.rejected", Map.of("reason", reason));
            observer.runChanged(after);
            observer.step(after, "🛑 " + outcome);
            return after;
        });
    }

    public MigrationRun cancel(long runId, Actor who) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, who, "cancel", () -> {
            TargetProperties settings = engine.targets().get(run.target()).settings();
            if (!who.id().equals(run.requester().id()) && !policy.isApprover(who, settings)) {
                throw new RunRefusedException("only the requester or an approver of " + run.target() + " may cancel run " + run.label());
            }
            if (run.state() == RunState.APPLYING) {
                audit.record(runId, who, "run.cancel_requested", Map.of("state", run.state().name()));
                pipeline.cancelApplying(runId, who);
                observer.step(run, "⏹️ " + who.name() + " cancelled run " + run.label() + " while applying: the running "
                        + "migration is being rolled back");
                return runs.get(runId);
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
            audit.record(runId, who, "run.cancelled", Map.of("state", run.state().name()));
            observer.runChanged(after);
            observer.step(after, "⏹️ Cancelled by " + who.name() + " — nothing was applied");
            return after;
        });
    }

    /**
     * Asks for a rollback: by the down scripts, or — when a migration has none, or {@code byRestore} is
     * asked for — by restoring the run's verified backup.
     */
    public MigrationRun requestRollback(long runId, Actor who, String reason, boolean byRestore) {
        MigrationRun run = runs.get(runId);
        return refusalsAudited(runId, who, "rollback", () -> {
            if (!run.state().canMoveTo(RunState.ROLLBACK_REQUESTED)) {
                throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": only a completed, failed or "
                        + "interrupted run can be rolled back");
            }
            var plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(runId)));
            if (plan.steps().isEmpty()) {
                throw new RunRefusedException("run " + run.label() + " applied nothing that is still applied: nothing to roll back");
            }
            String restoreNote = "";
            boolean restore = byRestore || plan.restoreRequired();
            if (restore) {
                BackupArtifact backup = backupStore.verifiedForRun(runId).orElseThrow(() -> new RunRefusedException(
                        plan.describe() + "\nbut run " + run.label() + " has no verified backup (backup: off?), so MigrateOps "
                                + "cannot roll it back: restore by hand or write a down file and a new migration"));
                List<String> losses = backups.lossesSince(backup, engine.targets().get(run.target()));
                restoreNote = "\n♻️ This restores backup #" + backup.id() + " (" + backup.size() + ", taken " + backup.createdAt()
                        + "). Written since then, and lost by the restore"
                        + (losses.isEmpty() ? ": nothing that PostgreSQL can see." : ":\n• " + String.join("\n• ", losses))
                        + "\nApproving asks for the target's name as a second confirmation.";
            }
            MigrationRun after;
            try {
                after = runs.requestRollback(runId, who, reason, restore);
            } catch (DuplicateKeyException e) {
                throw busy(run.target());
            }
            audit.record(runId, who, "rollback.requested", Map.of("reason", String.valueOf(reason), "plan", plan.describe(),
                    "byRestore", restore));
            observer.runChanged(after);
            observer.step(after, "↩️ Rollback requested by " + who.name() + (reason == null ? "" : " — \"" + reason + "\"")
                    + "\n" + (byRestore && !plan.restoreRequired() ? "by restoring the backup (asked for with --restore)" : plan.describe())
                    + restoreNote);
            TargetProperties settings = engine.targets().get(run.target()).settings();
            if (settings.approvalsRequired() == 0 && !restore) {
                after = runs.transition(runId, RunState.ROLLING_BACK, "rolling back", null);
                observer.runChanged(after);
                pipeline.startRollback(runId);
            }
            return after;
        });
    }

    private RunRefusedException busy(String target) {
        return runs.activeOn(target)
                .map(active -> new RunRefusedException(target + " already has run " + active.label() + " (" + active.state()
                        + ", requested by " + active.requester().name() + "): wait for it to end, or cancel it with /migrate cancel "
                        + active.id()))
                .orElseGet(() -> new RunRefusedException(target + " is busy with another run; try again in a moment"));
    }

    private void checkPlanStillCurrent(MigrationRun run) {
        RunPlan now = planner.plan(run.target(), Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse));
        if (!now.fingerprint().equals(run.plan().fingerprint())) {
            String why = run.plan().differenceFrom(now);
            runs.replacePlan(run.id(), now, why);
            audit.record(run.id(), Actor.BOT, "approvals.voided", Map.of("why", why));
            observer.runChanged(runs.get(run.id()));
            throw new RunRefusedException("the plan of run " + run.label() + " changed (" + why + "); earlier approvals no "
                    + "longer count. Review the updated card and approve again");
        }
    }

    private interface Action {
        MigrationRun run();
    }

    private MigrationRun refusalsAudited(Long runId, Actor actor, String action, Action work) {
        try {
            return work.run();
        } catch (RunRefusedException | IllegalTransitionException e) {
            audit.record(runId, actor, "refused." + action.split(" ")[0], Map.of("action", action, "why", e.getMessage()));
            throw e instanceof RunRefusedException refused ? refused : new RunRefusedException(e.getMessage());
        }
    }
}
