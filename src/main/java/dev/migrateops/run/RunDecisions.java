package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.CatalogException;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.LeaseProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.worker.InstanceId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the use cases of runs decide: one transaction of the bot's store locks the run, reads what stands in
 * its way live (a vote reads the run's readiness on its targets there, so no stale verdict decides), asks
 * the policy, and writes the transition, the vote and the events (whose listeners write the audit row and
 * the messages) together. Refusals are audited on their own; work that a decision starts begins only after
 * it committed.
 */
@Component
class RunDecisions {

    private final RunRepository runs;
    private final AuditLog audit;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final RunPipeline pipeline;
    private final TransactionTemplate transaction;
    private final RunLeases leases;
    private final InstanceId me;
    private final LeaseProperties leaseSettings;
    private final Clock clock;

    RunDecisions(RunRepository runs, AuditLog audit, MigrationEngine engine, RunEvents events, RunPipeline pipeline,
                 TransactionTemplate transaction, RunLeases leases, InstanceId me, LeaseProperties leaseSettings, Clock clock) {
        this.runs = runs;
        this.audit = audit;
        this.engine = engine;
        this.events = events;
        this.pipeline = pipeline;
        this.transaction = transaction;
        this.leases = leases;
        this.me = me;
        this.leaseSettings = leaseSettings;
        this.clock = clock;
    }

    /** Takes the decision in one transaction. */
    <T> T decide(Supplier<T> decision) {
        return transaction.execute(status -> decision.get());
    }

    /** What a decision found: the run after it, or a refusal to throw once what was found is committed. */
    record Verdict(MigrationRun run, RunRefusedException refusal) {
    }

    /**
     * Takes a decision that may have to commit what it found (approvals voided by a changed plan) and still
     * refuse: the transaction commits, then the refusal is thrown.
     */
    MigrationRun decideOrRefuse(Supplier<Verdict> decision) {
        Verdict verdict = decide(decision);
        if (verdict.refusal() != null) {
            throw verdict.refusal();
        }
        return verdict.run();
    }

    /**
     * Runs a use case; a refusal is audited (as {@code refused.<action>}) and thrown on. Migrations that cannot be
     * read — an unknown ref, a source that cannot be fetched, a file without a version — refuse the request too.
     */
    MigrationRun audited(Long runId, Actor actor, String action, Supplier<MigrationRun> work) {
        try {
            return work.get();
        } catch (RunRefusedException | IllegalTransitionException | CatalogException e) {
            throw refused(runId, actor, action, e);
        }
    }

    RunRefusedException refused(Long runId, Actor actor, String action, RuntimeException e) {
        audit.record(runId, actor, "refused." + action.split(" ")[0], Map.of("action", action, "why", e.getMessage()));
        return e instanceof RunRefusedException refused ? refused : new RunRefusedException(e.getMessage());
    }

    /** The quorum is complete: the run (or its rollback) moves on, in the deciding transaction. */
    MigrationRun approved(long runId, Approval.Purpose purpose, List<String> approvers) {
        MigrationRun after = purpose == Approval.Purpose.APPLY
                ? runs.transition(runId, RunState.APPROVED, "starting", null)
                : runs.transition(runId, RunState.ROLLING_BACK, "rolling back", null);
        // this instance executes it, and holds it for as long as it lives
        leases.take(runId, me, clock.instant().plus(leaseSettings.lease()));
        events.publish(new RunEvent.Approved(after, purpose, approvers));
        return after;
    }

    /** After the decision committed: an approved run (or rollback) starts. */
    void startWhatWasApproved(MigrationRun run) {
        if (run.state() == RunState.APPROVED) {
            pipeline.start(run.id());
        } else if (run.state() == RunState.ROLLING_BACK) {
            pipeline.startRollback(run.id());
        }
    }

    TargetProperties settings(MigrationRun run) {
        return engine.targets().get(run.target()).settings();
    }

    /** The target already has an active run: say which, and how to end it. */
    RunRefusedException busy(String target) {
        return runs.activeOn(target)
                .map(active -> new RunRefusedException(target + " already has run " + active.label() + " (" + active.state()
                        + ", requested by " + active.requester().name() + "): wait for it to end, or cancel it",
                        RunRefusedException.Remedy.CANCEL_ACTIVE_RUN, active.id(), List.of()))
                .orElseGet(() -> new RunRefusedException(target + " is busy with another run; try again in a moment"));
    }
}
