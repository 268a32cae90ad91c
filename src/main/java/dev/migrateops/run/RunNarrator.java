package dev.migrateops.run;

import dev.migrateops.audit.Audited;
import dev.migrateops.catalog.Migration;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.Progress;
import dev.migrateops.engine.ScriptOutcome;
import dev.migrateops.engine.StatementEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells what the engine does. It is called while the target's transaction is open, so it never writes to
 * the bot's store there: statement events are kept and written when a migration has finished, where a
 * failure of the store cannot disturb the engine's own bookkeeping of the target. Nothing audited is lost to a blip
 * of the store; only progress for people may be.
 */
final class RunNarrator implements ApplyListener {

    private static final Logger log = LoggerFactory.getLogger(RunNarrator.class);

    private final MigrationRun run;
    private final RunTransitions transitions;
    private final ApplyCancellations cancellations;
    private final List<RunEvent> pending = new ArrayList<>();
    private final BlockerWatch blockers;
    private final ProgressWatch progress;

    RunNarrator(MigrationRun run, RunTransitions transitions, ApplyCancellations cancellations, MigrationEngine engine) {
        this.run = run;
        this.transitions = transitions;
        this.cancellations = cancellations;
        this.blockers = new BlockerWatch(run, engine, this::tell);
        this.progress = new ProgressWatch(run, engine, this::tell);
    }

    @Override
    public void sessionStarted(int backendPid) {
        cancellations.sessionStarted(run, backendPid);
        blockers.sessionStarted(backendPid);
        progress.sessionStarted(backendPid);
    }

    @Override
    public boolean cancelled() {
        return cancellations.cancelledBy(run.id()).isPresent();
    }

    @Override
    public void historyAdopted(String table, List<Migration> migrations) {
        tell(new RunEvent.HistoryAdopted(run, table, migrations.stream().map(m -> m.version().text()).toList()));
    }

    @Override
    public void migrationStarted(Migration migration) {
        progress.migrationStarted(migration.version().toString());
        tell(new RunEvent.MigrationStarted(run, migration.version().toString(), migration.name(),
                migration.up().statements().size(), migration.transactional(),
                migration.transactional() ? null : migration.up().mode().reason()));
    }

    @Override
    public void statementExecuted(StatementEvent event) {
        keep(new RunEvent.StatementExecuted(run, event));
    }

    @Override
    public void lockTimeoutRetry(String version, int retry, Duration wait) {
        blockers.contended(version);
        tell(new RunEvent.LockRetry(run, version, retry, wait));
    }

    @Override
    public void progressed(String version, Progress work) {
        tell(new RunEvent.WorkProgressed(run, version, work));
    }

    @Override
    public void invalidIndexDropped(String version, String index) {
        keep(new RunEvent.InvalidIndexDropped(run, version, index));
    }

    @Override
    public void migrationFinished(Migration migration, ScriptOutcome outcome) {
        blockers.migrationFinished();
        progress.migrationFinished();
        try {
            write(false);
        } catch (RuntimeException e) {
            log.warn("run #{}: statement audit rows wait for the bot's store: {}", run.id(), e.getMessage());
        }
        if (outcome.success()) {
            tell(new RunEvent.MigrationApplied(run, migration.version().toString(), outcome.duration(), outcome.attempts(),
                    outcome.worstLockWait()));
        }
    }

    private void keep(RunEvent event) {
        synchronized (pending) {
            pending.add(event);
        }
    }

    /**
     * Tells at once, without holding up the apply when the store is away: progress for people is then lost, but what
     * the audit trail records (a migration applied, blockers seen, a history adopted) is kept and written with the
     * statements' rows, at the latest when the run moves on.
     */
    private void tell(RunEvent event) {
        try {
            transitions.tellWithoutWaiting(event);
        } catch (RuntimeException e) {
            if (event instanceof Audited) {
                keep(event);
                log.warn("run #{}: {} waits for the bot's store: {}", run.id(), event.getClass().getSimpleName(), e.getMessage());
            } else {
                log.warn("run #{}: could not record {}: {}", run.id(), event.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /**
     * Writes the kept audit rows in one transaction, waiting for the store if it is away; called once the engine
     * is done with the target.
     */
    void flush() {
        write(true);
    }

    /** The engine is done with the target: nobody is waiting for locks any more. */
    void stopWatching() {
        blockers.close();
        progress.close();
    }

    /** Writes the kept audit rows in one transaction; they stay kept for the next try if that fails. */
    private void write(boolean waitForStore) {
        List<RunEvent> batch;
        synchronized (pending) {
            batch = List.copyOf(pending);
        }
        if (waitForStore) {
            transitions.tell(batch.toArray(RunEvent[]::new));
        } else {
            transitions.tellWithoutWaiting(batch.toArray(RunEvent[]::new));
        }
        synchronized (pending) {
            pending.subList(0, batch.size()).clear();
        }
    }
}
