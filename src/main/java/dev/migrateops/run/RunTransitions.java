package dev.migrateops.run;

import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackSelector;
import dev.migrateops.worker.InstanceId;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The writes that move an executing run on: each transition in one transaction with the events that tell
 * of it, so the state, its audit rows and its messages are stored together or not at all.
 */
@Component
class RunTransitions {

    /** About how long a run waits for its store to come back: 1 s growing to 15 s between tries. */
    static final Duration STORE_OUTAGE = Duration.ofMinutes(3);
    private static final int STORE_RETRIES = 16;
    private static final Logger log = LoggerFactory.getLogger(RunTransitions.class);

    private final RunRepository runs;
    private final RunSteps timeline;
    private final RunEvents events;
    private final TransactionTemplate transaction;
    private final MigrationEngine engine;
    private final RunLeases leases;
    private final InstanceId me;

    RunTransitions(RunRepository runs, RunSteps timeline, RunEvents events, TransactionTemplate transaction, MigrationEngine engine,
                   RunLeases leases, InstanceId me) {
        this.runs = runs;
        this.timeline = timeline;
        this.events = events;
        this.transaction = transaction;
        this.engine = engine;
        this.leases = leases;
        this.me = me;
    }

    /** Publishes events of one run that change no state, together. */
    void tell(RunEvent... told) {
        if (told.length == 0) {
            return;
        }
        inRun(told[0].run().id(), () -> {
            for (RunEvent event : told) {
                events.publish(event);
            }
        });
    }

    /**
     * Publishes an event at once or not at all: for what is told while a migration holds its locks, which
     * must not wait for the bot's store to come back.
     */
    void tellWithoutWaiting(RunEvent... told) {
        if (told.length == 0) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            fence(told[0].run().id());
            for (RunEvent event : told) {
                events.publish(event);
            }
        });
    }

    /** The run enters a step of its timeline. */
    MigrationRun enter(long runId, Step step) {
        return inRun(runId, () -> enterNow(runId, step));
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
        inRun(run.id(), () -> {
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
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(run.id())), RunPlanner.revisionOf(run));
            return plan.steps().isEmpty() ? RollbackOptions.noneNeeded() : RollbackOptions.available(plan.describe());
        } catch (RuntimeException e) {
            return RollbackOptions.unknown(e.getMessage());
        }
    }

    /** Writes for a run, in one transaction, only while this instance holds the run's lease. */
    void inRun(long runId, Runnable work) {
        inRun(runId, () -> {
            work.run();
            return null;
        });
    }

    <T> T inRun(long runId, Supplier<T> work) {
        return inTransaction(() -> {
            fence(runId);
            return work.get();
        });
    }

    /** Another instance took the run over (this one could not renew its lease): nothing more is written for it. */
    private void fence(long runId) {
        if (!leases.heldBy(runId, me)) {
            throw new LeaseLostException(runId);
        }
    }

    /**
     * Runs the work in one transaction. While the bot's store cannot be reached (a failover, a restart) the run
     * pauses here and tries again with backoff, for up to {@link #STORE_OUTAGE}; only failures where nothing of the
     * transaction was committed are retried. Beyond that the exception ends the run's worker, its lease runs out, and
     * the run is recovered once the store is back.
     */
    private <T> T inTransaction(Supplier<T> work) {
        Retry retry = Retry.of("store", RetryConfig.custom()
                .maxAttempts(STORE_RETRIES)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(1), 2.0, 0.3, Duration.ofSeconds(15)))
                .retryOnException(RunTransitions::storeLostBeforeCommit)
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("the bot's store cannot be reached ({}); trying again in {}",
                event.getLastThrowable().getMessage(), event.getWaitInterval()));
        return retry.executeSupplier(() -> transaction.execute(status -> work.get()));
    }

    /**
     * The store went away before the transaction could commit: no connection was had, or the one had was lost while the
     * work ran (a failover drops open connections; the pool may hand out one that died a moment ago), so the rollback
     * failed too. A failure of the commit itself is not among them: whether it committed is unknown.
     */
    static boolean storeLostBeforeCommit(Throwable e) {
        if (e instanceof CannotCreateTransactionException || e instanceof CannotGetJdbcConnectionException) {
            return true;
        }
        Throwable work = e instanceof TransactionSystemException failed ? failed.getApplicationException() : e;
        return work instanceof DataAccessResourceFailureException;
    }
}
