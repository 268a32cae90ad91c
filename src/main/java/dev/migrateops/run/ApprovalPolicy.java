package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.policy.Action;
import dev.migrateops.policy.Policy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may approve what, when: the target's policy, as the run's use cases ask it. Every refusal says why and what to do
 * instead.
 */
@Component
public class ApprovalPolicy {

    private final Policy policy;
    private final Clock clock;

    public ApprovalPolicy(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Whether the person may take the action on the run's target (the requester counts where the action allows). */
    public boolean allows(Action action, Actor who, MigrationRun run, TargetProperties settings) {
        return policy.decide(action, who, run.target(), settings, Optional.ofNullable(run.requester())).allowed();
    }

    /** Refuses, naming who may, unless the person may take the action on the target. */
    public void check(Action action, Actor who, String target, TargetProperties settings, Long runId) {
        Policy.Decision decision = policy.decide(action, who, target, settings, Optional.empty());
        if (!decision.allowed()) {
            throw new RunRefusedException(decision.why(), RunRefusedException.Remedy.ASK_APPROVERS, runId, decision.whoMay());
        }
    }

    public void checkRequestAllowed(String target, TargetProperties settings) {
        if (settings.freeze()) {
            throw new RunRefusedException(target + " is frozen: no migrations run there until the freeze is lifted");
        }
        if (settings.incidentChannel() == null || settings.incidentChannel().isBlank()) {
            throw new RunRefusedException(target + " has no incident channel (migrateops.targets." + target
                    + ".incident-channel), where its runs are reported: set it first");
        }
    }

    /**
     * The plan itself must be approvable: no drift, everything already applied upstream, and no lint
     * error left unless an approver has accepted them ({@code lintOverride}).
     */
    public void checkPlanApprovable(MigrationRun run, TargetProperties settings, boolean lintOverridden) {
        checkPlanApprovable("run " + run.label(), run.id(), run.target(), run.plan(), settings, lintOverridden);
    }

    /** As above, for a plan before its run exists ({@code subject} names it, e.g. "this run"). */
    public void checkPlanApprovable(String subject, Long runId, String target, RunPlan plan, TargetProperties settings,
                                    boolean lintOverridden) {
        if (!plan.blockingLint().isEmpty() && !lintOverridden) {
            int errors = plan.blockingLint().size();
            throw new RunRefusedException(errors + (errors == 1 ? " lint error blocks " : " lint errors block ") + subject + ", e.g. "
                    + plan.blockingLint().get(0).rule() + " at " + plan.blockingLint().get(0).location()
                    + " (all of them are listed with the plan). Fix the migration, or an approver accepts them with a reason",
                    RunRefusedException.Remedy.OVERRIDE_LINT, runId, List.of());
        }
        if (!plan.drift().isEmpty()) {
            throw new RunRefusedException("drift on " + target + " blocks " + subject + ": " + String.join("; ", plan.drift()));
        }
        if (!plan.missingUpstream().isEmpty()) {
            throw new RunRefusedException(target + " only takes migrations already applied on "
                    + settings.requiresAppliedOn() + ": " + String.join("; ", plan.missingUpstream())
                    + ". Apply them on " + settings.requiresAppliedOn() + " first.");
        }
    }

    public void checkVoter(MigrationRun run, TargetProperties settings, Actor voter, Approval.Purpose purpose) {
        Actor asker = purpose == Approval.Purpose.APPLY ? run.requester() : run.rollbackRequester();
        if (asker != null && asker.id().equals(voter.id())) {
            throw new RunRefusedException("you requested " + (purpose == Approval.Purpose.APPLY ? "this run" : "this rollback")
                    + ", so someone else must approve it");
        }
        if (!isApprover(voter, settings)) {
            throw new RunRefusedException("you are not an approver of " + run.target(), RunRefusedException.Remedy.ASK_APPROVERS,
                    run.id(), settings.approvers());
        }
    }

    /** Whether the person is an approver of the target; where a target needs no approval and names none, anyone is. */
    public boolean isApprover(Actor person, TargetProperties settings) {
        return policy.isApprover(person, settings);
    }

    public boolean withinChangeWindow(TargetProperties settings) {
        return settings.changeWindow() == null || settings.changeWindow().contains(clock.instant());
    }

    public void checkChangeWindow(String target, TargetProperties settings) {
        Instant now = clock.instant();
        if (!withinChangeWindow(settings)) {
            throw new RunRefusedException("runs on " + target + " may start only within its change window "
                    + settings.changeWindow().describe() + "; it is " + now.atZone(settings.changeWindow().zone()).toLocalTime()
                    .withNano(0) + " there now");
        }
    }

    /** Approvals that still count: not older than the target's approval TTL. */
    public List<Approval> current(List<Approval> approvals, TargetProperties settings) {
        Instant oldest = clock.instant().minus(settings.approvalTtl());
        return approvals.stream().filter(a -> a.decidedAt().isAfter(oldest)).toList();
    }

    public boolean quorum(List<Approval> current, TargetProperties settings) {
        return current.size() >= settings.approvalsRequired();
    }
}
