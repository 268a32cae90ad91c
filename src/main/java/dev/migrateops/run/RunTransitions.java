package dev.migrateops.run;

import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackSelector;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes that move an executing run on: each transition in one transaction with the events that tell
 * of it, so the state, its audit rows and its messages are stored together or not at all.
 */
@Component
class RunTransitions {

    private final RunRepository runs;
    private final RunSteps timeline;
    private final RunEvents events;
    private final TransactionTemplate transaction;
    private final MigrationEngine engine;

    RunTransitions(RunRepository runs, RunSteps timeline, RunEvents events, TransactionTemplate transaction, MigrationEngine engine) {
        this.runs = runs;
        this.timeline = timeline;
        this.events = events;
        this.transaction = transaction;
        this.engine = engine;
    }

    /** Publishes events that change no state, together. */
    void tell(RunEvent... told) {
        inTransaction(() -> {
            for (RunEvent event : told) {
                events.publish(event);
            }
        });
    }

    /** The run enters a step of its timeline. */
    MigrationRun enter(long runId, Step step) {
        return inTransaction(() -> enterNow(runId, step));
    }

    /** As {@link #enter}, inside a transaction the caller holds. */
    MigrationRun enterNow(long runId, Step step) {
        MigrationRun run = runs.transition(runId, step.state(), step.label(), null);
        timeline.start(runId, step.label());
        events.publish(new RunEvent.StepStarted(run, step));
        return run;
    }

    /** Ends the run as FAILED, with the events that led there, in one transaction. */
    void fail(MigrationRun run, Failure failure, RunEvent... before) {
        RollbackOptions options = rollbackOptions(run);
        inTransaction(() -> {
            for (RunEvent event : before) {
                events.publish(event);
            }
            MigrationRun failed = runs.transition(run.id(), RunState.FAILED, null, failure.describe());
            events.publish(new RunEvent.Failed(failed, failure, options));
            return failed;
        });
    }

    /** What a rollback would do now, from the target's history. */
    RollbackOptions rollbackOptions(MigrationRun run) {
        try {
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(run.id())));
            return plan.steps().isEmpty() ? RollbackOptions.noneNeeded() : RollbackOptions.available(plan.describe());
        } catch (RuntimeException e) {
            return RollbackOptions.unknown(e.getMessage());
        }
    }

    void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }
}
