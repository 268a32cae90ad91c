package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.BackupRetention;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.backup.Rehearsal;
import dev.migrateops.backup.Verification;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.ApplyOutcome;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.PlanSnapshot;
import dev.migrateops.engine.RollbackPlan;
import dev.migrateops.engine.RollbackResult;
import dev.migrateops.engine.RollbackSelector;
import dev.migrateops.engine.ScriptOutcome;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.StatementEvent;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.engine.VerificationReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.springframework.transaction.support.TransactionTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Takes an approved run through its steps on a bounded executor: pre-checks, backup, apply, verify.
 * Each step is announced; any failure ends the run as FAILED with what was and was not applied.
 */
@Component
public class RunPipeline {

    private static final Logger log = LoggerFactory.getLogger(RunPipeline.class);

    private final RunRepository runs;
    private final RunPlanner planner;
    private final MigrationEngine engine;
    private final AuditLog audit;
    private final RunEvents events;
    private final TransactionTemplate transaction;
    private final Executor executor;
    private final BackupService backups;
    private final BackupStore backupStore;
    private final BackupProperties backupSettings;
    private final BackupRetention retention;
    private final RunSteps steps;
    private final MonitoringProperties monitoring;
    private final Clock clock;
    private final Map<Long, Integer> applyingBackends = new ConcurrentHashMap<>();
    private final Map<Long, Actor> cancelledBy = new ConcurrentHashMap<>();

    public RunPipeline(RunRepository runs, RunPlanner planner, MigrationEngine engine, AuditLog audit, RunEvents events,
                       TransactionTemplate transaction, @Qualifier("pipelineExecutor") Executor executor, BackupService backups, BackupStore backupStore,
                       BackupProperties backupSettings, BackupRetention retention, RunSteps steps,
                       MonitoringProperties monitoring, Clock clock) {
        this.runs = runs;
        this.planner = planner;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
        this.executor = executor;
        this.backups = backups;
        this.backupStore = backupStore;
        this.backupSettings = backupSettings;
        this.retention = retention;
        this.steps = steps;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    void start(long runId) {
        submit(runId, () -> execute(runId));
    }

    void startRollback(long runId) {
        submit(runId, () -> rollBack(runId));
    }

    /**
     * Stops the run's apply: the running statement is cancelled (its transaction rolls back), and no further
     * statement or retry starts. The run then fails with what was and was not applied.
     */
    void cancelApplying(long runId, Actor who) {
        cancelledBy.put(runId, who);
        Integer pid = applyingBackends.get(runId);
        if (pid != null) {
            engine.cancelBackend(runs.get(runId).target(), pid);
        }
    }

    private void submit(long runId, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            fail(runs.get(runId), new Failure(Failure.Kind.BUSY,
                    "the bot is running as many migrations as it allows at once; request this run again later"));
        }
    }

    private void execute(long runId) {
        try {
            MigrationRun run = enter(runId, Step.PRECHECKS);
            if (!preChecks(run)) {
                return;
            }
            run = enter(runId, Step.BACKUP);
            if (!backup(run)) {
                return;
            }
            run = enter(runId, Step.APPLYING);
            Optional<VerificationReport> verification = apply(run);
            if (verification.isEmpty()) {
                return;
            }
            run = enter(runId, Step.VERIFYING);
            if (!verify(run, verification.get())) {
                return;
            }
            Duration window = engine.targets().get(run.target()).settings().monitoringWindowOr(monitoring.window());
            if (window.isZero()) {
                inTransaction(() -> {
                    steps.finish(runId, "done");
                    MigrationRun done = runs.transition(runId, RunState.COMPLETED, null, "completed");
                    events.publish(new RunEvent.Completed(done, RunEvent.Completion.VERIFIED_WITHOUT_WINDOW, Optional.empty(), List.of()));
                });
                return;
            }
            java.time.Instant until = clock.instant().plus(window);
            inTransaction(() -> {
                runs.monitorUntil(runId, until);
                MigrationRun watched = enterInTransaction(runId, Step.MONITORING);
                events.publish(new RunEvent.MonitoringStarted(watched, until, monitoring.probeInterval()));
            });
        } catch (IllegalTransitionException e) {
            log.info("run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("run #{} failed unexpectedly", runId, e);
            fail(runs.get(runId), new Failure(Failure.Kind.UNEXPECTED, "Unexpected error: " + e.getMessage()));
        } finally {
            applyingBackends.remove(runId);
            cancelledBy.remove(runId);
        }
    }

    private MigrationRun enter(long runId, Step step) {
        return transaction.execute(status -> enterInTransaction(runId, step));
    }

    private MigrationRun enterInTransaction(long runId, Step step) {
        MigrationRun run = runs.transition(runId, step.state(), step.label(), null);
        steps.start(runId, step.label());
        events.publish(new RunEvent.StepStarted(run, step));
        return run;
    }

    private void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    private boolean preChecks(MigrationRun run) {
        long start = System.nanoTime();
        PlanSnapshot snapshot = planner.snapshot(run.target(), RunPlanner.upTo(run));
        RunPlan ready = planner.readinessOf(run, snapshot);
        if (!ready.fingerprint().equals(run.plan().fingerprint())) {
            RunPlan now = planner.plan(run.target(), RunPlanner.upTo(run));
            String why = run.plan().differenceFrom(now);
            inTransaction(() -> {
                runs.replacePlan(run.id(), now, why);
                MigrationRun back = runs.transition(run.id(), RunState.REQUESTED, null, null);
                events.publish(new RunEvent.ApprovalsVoided(back, why, true));
            });
            return false;
        }
        // connection and drift are proven by the plan just read, whose pre-checks are this moment's
        List<String> checks = new ArrayList<>(List.of("connection", "drift", "upstream"));
        List<String> findings = new ArrayList<>(ready.drift());
        findings.addAll(ready.missingUpstream());
        List<String> versions = run.plan().migrations().stream().map(PlannedMigration::version).toList();
        findings.addAll(engine.check(snapshot, versions));
        List<PreCheck> live = planner.preChecks(snapshot);
        live.forEach(check -> checks.add(check.name()));
        live.stream().filter(c -> c.status() == PreCheck.Status.FAIL).forEach(c -> findings.add(c.name() + ": " + c.detail()));
        List<PreCheck> warnings = live.stream().filter(c -> c.status() == PreCheck.Status.WARN).toList();
        run.plan().migrations().stream().filter(PlannedMigration::hasCheck).forEach(m -> checks.add(m.version() + ".check.sql"));
        RunEvent.PreChecksDone done = new RunEvent.PreChecksDone(run, checks, findings, warnings, since(start));
        if (!done.passed()) {
            fail(run, new Failure(Failure.Kind.PRECHECKS, "Pre-checks failed — nothing was applied", findings), done);
            return false;
        }
        inTransaction(() -> events.publish(done));
        return true;
    }

    private boolean backup(MigrationRun run) {
        TargetProperties settings = engine.targets().get(run.target()).settings();
        if (settings.backup() == TargetProperties.BackupMode.OFF) {
            inTransaction(() -> events.publish(new RunEvent.BackupSkipped(run)));
            return true;
        }
        long start = System.nanoTime();
        TargetDatabase target = engine.targets().get(run.target());
        BackupArtifact backup;
        try {
            events.publish(new RunEvent.BackupStarted(run));
            backup = backupStore.save(backups.take(target, run.id(), bytes -> events.publish(new RunEvent.BackupProgress(run, bytes))));
        } catch (BackupException e) {
            fail(run, new Failure(Failure.Kind.BACKUP, "The backup failed — nothing was applied", List.of(e.getMessage())));
            return false;
        }
        events.publish(new RunEvent.BackupTaken(run, backup));
        Optional<Rehearsal> rehearsal = backupSettings.rehearsalFor(settings)
                ? Optional.of(new MigrationRehearsal(engine, run)) : Optional.empty();
        Verification verification = backups.verify(backup, target, backupSettings.restoreCheckFor(settings), rehearsal);
        if (!verification.passed()) {
            boolean rehearsalFailed = verification.rehearsal() != null;
            fail(run, rehearsalFailed
                    ? new Failure(Failure.Kind.REHEARSAL, "The rehearsal on a restored copy failed — production was not touched",
                            verification.failures())
                    : new Failure(Failure.Kind.BACKUP_UNVERIFIED, "The backup could not be verified — nothing was applied",
                            verification.failures()),
                    new RunEvent.BackupVerified(run, backup, verification, since(start)));
            return false;
        }
        BackupArtifact verified = backupStore.markVerified(backup, clock.instant(), verification.summary());
        inTransaction(() -> events.publish(new RunEvent.BackupVerified(run, verified, verification, since(start))));
        retention.apply(run.target());
        return true;
    }

    private Optional<VerificationReport> apply(MigrationRun run) {
        List<String> expected = run.plan().migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList();
        ApplyRequest request = new ApplyRequest(run.requester().name() + " (" + run.requester().id() + ")",
                String.valueOf(run.id()), run.reason(), Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse),
                Optional.of(expected));
        Narrator narrator = new Narrator(run);
        ApplyOutcome outcome = engine.apply(planner.snapshot(run.target(), RunPlanner.upTo(run)), request, narrator);
        narrator.flush();
        if (!outcome.apply().success()) {
            Actor canceller = cancelledBy.get(run.id());
            String failure = outcome.apply().failure().get().describe();
            String applied = outcome.apply().applied().stream().map(Migration::label).collect(Collectors.joining(", "));
            String notApplied = outcome.apply().notAttempted().stream().map(Migration::label).collect(Collectors.joining(", "));
            List<String> details = new ArrayList<>(List.of("Applied: " + (applied.isEmpty() ? "nothing" : applied)));
            if (!notApplied.isEmpty()) {
                details.add("Not attempted: " + notApplied);
            }
            fail(run, canceller == null ? new Failure(Failure.Kind.APPLY, failure, details)
                    : new Failure(Failure.Kind.CANCELLED, "Cancelled by " + canceller.name() + ". " + failure, details));
            return Optional.empty();
        }
        return Optional.of(outcome.verification().orElse(new VerificationReport(List.of(), List.of(), List.of(), List.of())));
    }

    private boolean verify(MigrationRun run, VerificationReport report) {
        RunEvent.Verified verified = new RunEvent.Verified(run, report);
        if (!report.passed()) {
            fail(run, new Failure(Failure.Kind.VERIFICATION, "Verification failed", report.failures()), verified);
            return false;
        }
        inTransaction(() -> events.publish(verified));
        return true;
    }

    private void rollBack(long runId) {
        MigrationRun run = runs.get(runId);
        inTransaction(() -> {
            steps.start(runId, Step.ROLLBACK.label());
            events.publish(new RunEvent.StepStarted(run, Step.ROLLBACK));
        });
        try {
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(runId)));
            if (plan.restoreRequired() || runs.rollbackByRestore(runId)) {
                restore(run);
                return;
            }
            long start = System.nanoTime();
            Narrator narrator = new Narrator(run);
            RollbackResult result = engine.rollback(run.target(), RollbackSelector.run(String.valueOf(runId)), narrator);
            narrator.flush();
            if (!result.success()) {
                fail(run, new Failure(Failure.Kind.ROLLBACK, "Rollback stopped: " + result.failure().get().describe(),
                        List.of("Rolled back: " + (result.rolledBack().isEmpty() ? "nothing" : String.join(", ", result.rolledBack())))));
                return;
            }
            inTransaction(() -> {
                steps.finish(runId, "done");
                MigrationRun after = runs.transition(runId, RunState.ROLLED_BACK, null, "rolled back: " + String.join(", ", result.rolledBack()));
                events.publish(new RunEvent.RolledBack(after, result.rolledBack(), Optional.empty(), since(start)));
            });
        } catch (IllegalTransitionException e) {
            log.info("rollback of run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            fail(runs.get(runId), new Failure(Failure.Kind.ROLLBACK, "Rollback failed: " + e.getMessage() + " — nothing more was changed"));
        }
    }

    /** Restores the run's verified backup into its target, in one transaction. */
    private void restore(MigrationRun run) {
        BackupArtifact backup = backupStore.verifiedForRun(run.id()).orElseThrow(() -> new BackupException(
                "run " + run.label() + " has no verified backup to restore"));
        inTransaction(() -> events.publish(new RunEvent.RestoreStarted(run, backup)));
        Duration took = backups.restore(backup, engine.targets().get(run.target()));
        inTransaction(() -> {
            steps.finish(run.id(), "done");
            MigrationRun after = runs.transition(run.id(), RunState.ROLLED_BACK, null, "restored backup #" + backup.id());
            events.publish(new RunEvent.RolledBack(after, List.of(), Optional.of(backup), took));
        });
    }

    /** Ends the run as FAILED, with the events that led there, in one transaction. */
    private void fail(MigrationRun run, Failure failure, RunEvent... before) {
        RollbackOptions options = rollbackOptions(run);
        inTransaction(() -> {
            for (RunEvent event : before) {
                events.publish(event);
            }
            MigrationRun failed = runs.transition(run.id(), RunState.FAILED, null, failure.describe());
            events.publish(new RunEvent.Failed(failed, failure, options));
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

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Tells what the engine does. It is called while the target's transaction is open, so it never writes to
     * the bot's store there: statement events are kept and written after the engine returns, where a
     * failure of the store cannot disturb the engine's own bookkeeping of the target.
     */
    private final class Narrator implements ApplyListener {
        private final MigrationRun run;
        private final List<RunEvent> pending = new ArrayList<>();

        Narrator(MigrationRun run) {
            this.run = run;
        }

        @Override
        public void sessionStarted(int backendPid) {
            applyingBackends.put(run.id(), backendPid);
        }

        @Override
        public boolean cancelled() {
            return cancelledBy.containsKey(run.id());
        }

        @Override
        public void migrationStarted(Migration migration) {
            tell(new RunEvent.MigrationStarted(run, migration.version().toString(), migration.name(),
                    migration.up().statements().size(), migration.transactional(),
                    migration.transactional() ? null : migration.up().mode().reason()));
        }

        @Override
        public void statementExecuted(StatementEvent event) {
            synchronized (pending) {
                pending.add(new RunEvent.StatementExecuted(run, event));
            }
        }

        @Override
        public void lockTimeoutRetry(String version, int retry, Duration wait) {
            tell(new RunEvent.LockRetry(run, version, retry, wait));
        }

        @Override
        public void invalidIndexDropped(String version, String index) {
            synchronized (pending) {
                pending.add(new RunEvent.InvalidIndexDropped(run, version, index));
            }
        }

        @Override
        public void migrationFinished(Migration migration, ScriptOutcome outcome) {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("run #{}: statement audit rows wait for the bot's store: {}", run.id(), e.getMessage());
            }
            if (outcome.success()) {
                tell(new RunEvent.MigrationApplied(run, migration.version().toString(), outcome.duration()));
            }
        }

        /** Progress for people: lost rather than allowed to break the apply when the store is away. */
        private void tell(RunEvent event) {
            try {
                inTransaction(() -> events.publish(event));
            } catch (RuntimeException e) {
                log.warn("run #{}: could not record {}: {}", run.id(), event.getClass().getSimpleName(), e.getMessage());
            }
        }

        /** Writes the audit rows of the statements so far, in one transaction; kept for the next try if that fails. */
        void flush() {
            List<RunEvent> batch;
            synchronized (pending) {
                batch = List.copyOf(pending);
            }
            inTransaction(() -> batch.forEach(events::publish));
            synchronized (pending) {
                pending.subList(0, batch.size()).clear();
            }
        }
    }
}
