package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.Revision;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.MigrationPlan;
import dev.migrateops.policy.Action;
import dev.migrateops.text.Plural;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Asking for a run, and ending one: request (the plan is made and the card drawn; a target that needs no
 * approval starts at once), cancel, and close the monitoring window early. One decision, one transaction
 * ({@link RunDecisions}); refusals are audited and thrown as {@link RunRefusedException}.
 */
@Service
public class RunRequests {

    private final RunRepository runs;
    private final RunPlanner planner;
    private final ApprovalPolicy policy;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final RunLeases leases;
    private final RunDecisions decisions;

    RunRequests(RunRepository runs, RunPlanner planner, ApprovalPolicy policy, MigrationEngine engine, RunEvents events,
                RunLeases leases, RunDecisions decisions) {
        this.runs = runs;
        this.planner = planner;
        this.policy = policy;
        this.engine = engine;
        this.events = events;
        this.leases = leases;
        this.decisions = decisions;
    }

    public MigrationRun request(String target, Actor requester, String reason, Optional<MigrationVersion> to) {
        return request(target, requester, reason, to, Revision.latest());
    }

    /** A run of what is pending in the files at {@code revision} (a git source's branch, tag or commit), pinned to that commit. */
    public MigrationRun request(String target, Actor requester, String reason, Optional<MigrationVersion> to,
                                Revision revision) {
        TargetProperties settings = engine.targets().get(target).settings();
        MigrationRun run = decisions.audited(null, requester, "apply " + target, () -> {
            policy.checkRequestAllowed(target, settings);
            policy.check(Action.REQUEST, requester, target, settings, null);
            if (revision.ref().isPresent() && !revision.ref().equals(engine.sources().gitSourceOf(settings).map(s -> s.settings().branch()))) {
                policy.check(Action.REF, requester, target, settings, null);
            }
            if (runs.activeOn(target).isPresent()) {
                // busy: said below, without tracing what cannot run now; but a re-run with nothing to apply is told so
                nothingPending(engine.snapshot(target, to, revision).plan(), target);
                return null;
            }
            RunPlan plan = planner.plan(target, to, revision);
            if (plan.migrations().isEmpty() && plan.drift().isEmpty()) {
                throw nothingPendingOn(target);
            }
            return decisions.decide(() -> {
                if (runs.activeOn(target).isPresent()) {
                    return null; // refused as busy below; asked first, so that refused requests use no run number
                }
                MigrationRun created = runs.create(target, requester, reason, to.map(Object::toString).orElse(null), plan,
                        settings.incidentChannel()).orElse(null);
                if (created == null) {
                    return null;
                }
                events.publish(new RunEvent.Requested(created));
                if (settings.approvalsRequired() == 0 && plan.approvable() && policy.withinChangeWindow(settings)) {
                    return decisions.approved(created.id(), Approval.Purpose.APPLY, List.of());
                }
                return created;
            });
        });
        if (run == null) {
            throw decisions.refused(null, requester, "apply " + target, decisions.busy(target));
        }
        decisions.startWhatWasApproved(run);
        return run;
    }

    private static void nothingPending(MigrationPlan plan, String target) {
        if (plan.pending().isEmpty() && plan.drift().isEmpty()) {
            throw nothingPendingOn(target);
        }
    }

    private static RunRefusedException nothingPendingOn(String target) {
        return new RunRefusedException("nothing pending on " + target + ": it is up to date", RunRefusedException.Remedy.UP_TO_DATE,
                null, List.of());
    }

    /**
     * Requests a run and starts it in one decision, for someone who cannot wait for votes: on a target that
     * needs none, or with {@code waiver} — a break-glass reason, shown and audited, in place of the votes.
     * Everything else that gates a Slack run gates this one: freeze, change window, drift, upstream, and lint
     * errors, which block unless {@code lintAccepted} gives a reason (as an approver's override does). The run
     * then goes through the same pipeline; {@link ExecutingRuns#awaitDone} waits for it.
     */
    public MigrationRun startNow(String target, Actor requester, String reason, Optional<MigrationVersion> to,
                                 Optional<String> waiver, Optional<String> lintAccepted) {
        return startNow(target, requester, reason, to, Revision.latest(), waiver, lintAccepted);
    }

    public MigrationRun startNow(String target, Actor requester, String reason, Optional<MigrationVersion> to,
                                 Revision revision, Optional<String> waiver, Optional<String> lintAccepted) {
        TargetProperties settings = engine.targets().get(target).settings();
        MigrationRun run = decisions.audited(null, requester, "apply " + target, () -> {
            policy.checkRequestAllowed(target, settings);
            if (settings.approvalsRequired() > 0 && waiver.isEmpty()) {
                throw new RunRefusedException(target + " requires " + Plural.of(settings.approvalsRequired(), "approval") + ": have the run "
                        + "approved, or waive the approvals with a break-glass reason", RunRefusedException.Remedy.WAIVE_APPROVALS,
                        null, settings.approvers());
            }
            if (runs.activeOn(target).isPresent()) {
                nothingPending(engine.snapshot(target, to, revision).plan(), target);
                return null;
            }
            RunPlan plan = planner.plan(target, to, revision);
            if (plan.migrations().isEmpty() && plan.drift().isEmpty()) {
                throw nothingPendingOn(target);
            }
            policy.checkPlanApprovable("this run", null, target, plan, settings, lintAccepted.isPresent());
            policy.checkChangeWindow(target, settings);
            return decisions.decide(() -> {
                if (runs.activeOn(target).isPresent()) {
                    return null;
                }
                MigrationRun created = runs.create(target, requester, reason, to.map(Object::toString).orElse(null), plan,
                        settings.incidentChannel()).orElse(null);
                if (created == null) {
                    return null;
                }
                events.publish(new RunEvent.Requested(created));
                if (!plan.blockingLint().isEmpty()) {
                    runs.overrideLint(created.id(), requester, lintAccepted.get());
                    events.publish(new RunEvent.LintOverridden(runs.get(created.id()), requester, plan.blockingLint().size(),
                            lintAccepted.get()));
                }
                if (settings.approvalsRequired() > 0) {
                    events.publish(new RunEvent.ApprovalsWaived(created, requester, Approval.Purpose.APPLY,
                            settings.approvalsRequired(), waiver.get()));
                }
                return decisions.approved(created.id(), Approval.Purpose.APPLY, List.of());
            });
        });
        if (run == null) {
            throw decisions.refused(null, requester, "apply " + target, decisions.busy(target));
        }
        decisions.startWhatWasApproved(run);
        return run;
    }

    public MigrationRun cancel(long runId, Actor who) {
        MigrationRun result = decisions.audited(runId, who, "cancel", () -> decisions.decide(() -> {
            MigrationRun run = runs.lock(runId);
            if (!policy.allows(Action.CANCEL, who, run, decisions.settings(run))) {
                throw new RunRefusedException("only the requester or an approver of " + run.target() + " may cancel run " + run.label());
            }
            if (run.state() == RunState.APPLYING) {
                // a row any instance may write: the one applying acts on it within a second
                leases.requestCancel(runId, who);
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
        return result;
    }

    /** Ends a run's monitoring window early: the requester or an approver says it looks fine. */
    public MigrationRun close(long runId, Actor who) {
        return decisions.audited(runId, who, "close", () -> decisions.decide(() -> {
            MigrationRun run = runs.lock(runId);
            if (!policy.allows(Action.CANCEL, who, run, decisions.settings(run))) {
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
}
