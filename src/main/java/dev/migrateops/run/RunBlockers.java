package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.policy.Action;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * An approver ends a session that blocks a run's migration: cancels its statement, or terminates it (its open
 * transaction rolls back). Only an approver of the target other than the requester may — ending another team's
 * session is a decision for a second person — and only that very session (pid and start), while it is among the
 * sessions the run's migration was last seen waiting for and still in its transaction. Done or refused, it is
 * audited with who the session was.
 */
@Component
public class RunBlockers {

    /** How a blocker is ended. */
    public enum Ending {
        /** {@code pg_cancel_backend}: its running statement stops; an idle transaction stays open */
        CANCEL,
        /** {@code pg_terminate_backend}: the session ends and its open transaction rolls back */
        TERMINATE
    }

    private final RunRepository runs;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final RunDecisions decisions;
    private final ApprovalPolicy policy;
    private final RunSteps steps;

    RunBlockers(RunRepository runs, MigrationEngine engine, RunEvents events, RunDecisions decisions, ApprovalPolicy policy,
                RunSteps steps) {
        this.runs = runs;
        this.engine = engine;
        this.events = events;
        this.decisions = decisions;
        this.policy = policy;
        this.steps = steps;
    }

    /**
     * Refuses (and audits) early, before a confirmation is asked for; otherwise the session as the run last saw it,
     * for the confirmation to name.
     */
    public Blocker checkMayEnd(long runId, Actor who, int pid, Instant backendStart, Ending how) {
        try {
            MigrationRun run = runs.get(runId);
            mayEnd(run, who);
            return lastSeen(run, pid, backendStart);
        } catch (RunRefusedException e) {
            throw decisions.refused(runId, who, action(how), e);
        }
    }

    /** Ends the session and tells who it was; refused when it no longer blocks the run (nothing is done then). */
    public MigrationRun end(long runId, Actor who, int pid, Instant backendStart, Ending how) {
        return decisions.audited(runId, who, action(how), () -> {
            MigrationRun run = runs.get(runId);
            mayEnd(run, who);
            lastSeen(run, pid, backendStart);
            Blocker ended = engine.endBlocker(run.target(), runId, pid, backendStart, how == Ending.TERMINATE)
                    .orElseThrow(() -> new RunRefusedException("pid " + pid + " has ended or left its transaction since run "
                            + run.label() + " waited for it: nothing was done"));
            return decisions.decide(() -> {
                MigrationRun now = runs.get(runId);
                events.publish(new RunEvent.BlockerEnded(now, who, ended, how == Ending.TERMINATE));
                return now;
            });
        });
    }

    /** The session among those the run's migration was last seen waiting for, or a refusal. */
    private Blocker lastSeen(MigrationRun run, int pid, Instant backendStart) {
        return steps.current(run.id()).stream().flatMap(step -> step.blockers().stream())
                .filter(b -> b.pid() == pid && b.backendStart().equals(backendStart)).findFirst()
                .orElseThrow(() -> new RunRefusedException("pid " + pid + " is not what run " + run.label()
                        + " waits for now (it ended, or the migration got its lock): nothing was done"));
    }

    private void mayEnd(MigrationRun run, Actor who) {
        TargetProperties settings = decisions.settings(run);
        if (who.id().equals(run.requester().id())) {
            throw new RunRefusedException("you requested run " + run.label() + ", so an approver other than you decides whether"
                    + " to end another session", RunRefusedException.Remedy.ASK_APPROVERS, run.id(), settings.approvers());
        }
        if (!policy.allows(Action.END_BLOCKER, who, run, settings)) {
            throw new RunRefusedException("only an approver of " + run.target() + " may end a session that blocks its migration",
                    RunRefusedException.Remedy.ASK_APPROVERS, run.id(), settings.approvers());
        }
        if (run.state() != RunState.APPLYING) {
            throw new RunRefusedException("run " + run.label() + " is " + run.state() + ": no migration of it waits for a lock now");
        }
    }

    private static String action(Ending how) {
        return how == Ending.CANCEL ? "cancel_blocker" : "terminate_blocker";
    }
}
