package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackSelector;
import dev.migrateops.policy.Action;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Votes on runs and on their rollbacks: approve (readiness read live at every vote), reject, and an
 * approver's override of lint errors. One decision, one transaction ({@link RunDecisions}); refusals are
 * audited and thrown as {@link RunRefusedException}.
 */
@Service
public class RunApprovals {

    private final RunRepository runs;
    private final RunPlanner planner;
    private final ApprovalPolicy policy;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final RunDecisions decisions;

    RunApprovals(RunRepository runs, RunPlanner planner, ApprovalPolicy policy, MigrationEngine engine, RunEvents events,
                 RunDecisions decisions) {
        this.runs = runs;
        this.planner = planner;
        this.policy = policy;
        this.engine = engine;
        this.events = events;
        this.decisions = decisions;
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
                || engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(run.id())), RunPlanner.revisionOf(run)).restoreRequired());
    }

    /** Refuses (and audits) a vote early, before a confirmation dialog is shown. */
    public void checkMayApprove(long runId, Actor voter) {
        MigrationRun run = runs.get(runId);
        decisions.audited(runId, voter, "approve", () -> {
            policy.checkVoter(run, decisions.settings(run), voter,
                    run.state() == RunState.ROLLBACK_REQUESTED ? Approval.Purpose.ROLLBACK : Approval.Purpose.APPLY);
            return run;
        });
    }

    public MigrationRun approve(long runId, Actor voter, Optional<String> typedTarget) {
        MigrationRun after = decisions.audited(runId, voter, "approve",
                () -> decisions.decideOrRefuse(() -> vote(runId, voter, typedTarget)));
        decisions.startWhatWasApproved(after);
        return after;
    }

    private RunDecisions.Verdict vote(long runId, Actor voter, Optional<String> typedTarget) {
        MigrationRun run = runs.lock(runId);
        Approval.Purpose purpose = switch (run.state()) {
            case REQUESTED -> Approval.Purpose.APPLY;
            case ROLLBACK_REQUESTED -> Approval.Purpose.ROLLBACK;
            default -> throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": there is nothing to approve");
        };
        TargetProperties settings = decisions.settings(run);
        policy.checkVoter(run, settings, voter, purpose);
        if (restoreNeedsTypedTarget(run)) {
            policy.check(Action.RESTORE, voter, run.target(), settings, runId);
        }
        if (purpose == Approval.Purpose.APPLY) {
            // readiness is read live at every vote, never taken from the plan the card was drawn with
            RunPlan now = livePlan(run);
            if (!now.fingerprint().equals(run.plan().fingerprint())) {
                return new RunDecisions.Verdict(run, voidApprovals(run, now));
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
            return new RunDecisions.Verdict(voted, null);
        }
        policy.checkChangeWindow(run.target(), settings);
        events.publish(new RunEvent.ApprovalAdded(run, voter, purpose));
        List<String> approvers = new java.util.ArrayList<>(current.stream().map(a -> a.approver().id()).toList());
        approvers.add(voter.id());
        return new RunDecisions.Verdict(decisions.approved(runId, purpose, approvers), null);
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

    /** An approver (not the requester) accepts the run's lint errors, with a reason that is shown and audited. */
    public MigrationRun overrideLint(long runId, Actor approver, String reason) {
        return decisions.audited(runId, approver, "override",
                () -> decisions.decideOrRefuse(() -> override(runId, approver, reason)));
    }

    private RunDecisions.Verdict override(long runId, Actor approver, String reason) {
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
        policy.checkVoter(run, decisions.settings(run), approver, Approval.Purpose.APPLY);
        policy.check(Action.OVERRIDE_LINT, approver, run.target(), decisions.settings(run), runId);
        // what else stands in the way is read now, so the answer says whether approvals can proceed
        RunPlan now = livePlan(run);
        if (!now.fingerprint().equals(run.plan().fingerprint())) {
            return new RunDecisions.Verdict(run, voidApprovals(run, now));
        }
        runs.refreshPlan(runId, now);
        runs.overrideLint(runId, approver, reason);
        MigrationRun after = runs.get(runId);
        events.publish(new RunEvent.LintOverridden(after, approver, run.plan().blockingLint().size(), reason));
        return new RunDecisions.Verdict(after, null);
    }

    /** Refuses (and audits) a reject click early, before asking for a reason. */
    public void checkMayReject(long runId, Actor who) {
        MigrationRun run = runs.get(runId);
        decisions.audited(runId, who, "reject", () -> {
            mayReject(run, who);
            return run;
        });
    }

    private void mayReject(MigrationRun run, Actor who) {
        TargetProperties settings = decisions.settings(run);
        if (!policy.isApprover(who, settings) || who.id().equals(run.requester().id())) {
            throw new RunRefusedException("only an approver of " + run.target() + " other than the requester may reject; "
                    + "the requester can cancel instead");
        }
        if (run.state() != RunState.REQUESTED && run.state() != RunState.ROLLBACK_REQUESTED) {
            throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": it cannot be rejected now");
        }
    }

    public MigrationRun reject(long runId, Actor who, String reason) {
        return decisions.audited(runId, who, "reject", () -> decisions.decide(() -> {
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
}
