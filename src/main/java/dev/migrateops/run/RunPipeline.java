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
    private final RunObserver observer;
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

    public RunPipeline(RunRepository runs, RunPlanner planner, MigrationEngine engine, AuditLog audit, RunObserver observer,
                       @Qualifier("pipelineExecutor") Executor executor, BackupService backups, BackupStore backupStore,
                       BackupProperties backupSettings, BackupRetention retention, RunSteps steps,
                       MonitoringProperties monitoring, Clock clock) {
        this.runs = runs;
        this.planner = planner;
        this.engine = engine;
        this.audit = audit;
        this.observer = observer;
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
            fail(runs.get(runId), "the bot is running as many migrations as it allows at once; request this run again later");
        }
    }

    private void execute(long runId) {
        try {
            MigrationRun run = enter(runId, RunState.PRECHECKS, "pre-checks");
            if (!preChecks(run)) {
                return;
            }
            run = enter(runId, RunState.BACKUP, "backup");
            if (!backup(run)) {
                return;
            }
            run = enter(runId, RunState.APPLYING, "applying");
            Optional<VerificationReport> verification = apply(run);
            if (verification.isEmpty()) {
                return;
            }
            run = enter(runId, RunState.VERIFYING, "verifying");
            if (!verify(run, verification.get())) {
                return;
            }
            Duration window = engine.targets().get(run.target()).settings().monitoringWindowOr(monitoring.window());
            if (window.isZero()) {
                run = runs.transition(runId, RunState.COMPLETED, null, "completed");
                audit.record(runId, Actor.BOT, "run.completed", Map.of());
                observer.runChanged(run);
                observer.step(run, "🎉 Completed: " + run.plan().migrations().size() + " migration(s) applied and verified on " + run.target());
                return;
            }
            java.time.Instant until = clock.instant().plus(window);
            runs.monitorUntil(runId, until);
            run = enter(runId, RunState.MONITORING, "monitoring");
            observer.step(run, "👀 Applied and verified. Watching " + run.target() + " until " + until + " (probes every "
                    + roughly(monitoring.probeInterval()) + "); `/migrate close " + runId + "` ends the window early, "
                    + "`/migrate rollback " + runId + "` if it goes wrong");
        } catch (IllegalTransitionException e) {
            log.info("run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("run #{} failed unexpectedly", runId, e);
            fail(runs.get(runId), "unexpected error: " + e.getMessage());
        } finally {
            applyingBackends.remove(runId);
            cancelledBy.remove(runId);
        }
    }

    private MigrationRun enter(long runId, RunState state, String step) {
        MigrationRun run = runs.transition(runId, state, step, null);
        steps.start(runId, step);
        audit.record(runId, Actor.BOT, "step." + step.replace(' ', '_').replace("-", ""), Map.of("state", state.name()));
        observer.runChanged(run);
        return run;
    }

    private boolean preChecks(MigrationRun run) {
        long start = System.nanoTime();
        RunPlan now = planner.plan(run.target(), Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse));
        if (!now.fingerprint().equals(run.plan().fingerprint())) {
            String why = run.plan().differenceFrom(now);
            runs.replacePlan(run.id(), now, why);
            MigrationRun back = runs.transition(run.id(), RunState.REQUESTED, null, null);
            audit.record(run.id(), Actor.BOT, "approvals.voided", Map.of("why", why));
            observer.runChanged(back);
            observer.alert(back, "⚠️ The plan changed before it was applied (" + why + "): approvals are void. "
                    + "Review the updated card and approve again. Nothing was applied.");
            return false;
        }
        // connection and drift are proven by the plan just read; then upstream, then each .check.sql
        List<String> checks = new ArrayList<>(List.of("connection", "drift", "upstream"));
        List<String> findings = new ArrayList<>(now.drift());
        findings.addAll(now.missingUpstream());
        List<String> versions = run.plan().migrations().stream().map(PlannedMigration::version).toList();
        findings.addAll(engine.check(run.target(), versions));
        List<PreCheck> live = planner.preChecks(run.target(), Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse));
        live.forEach(check -> checks.add(check.name()));
        live.stream().filter(c -> c.status() == PreCheck.Status.FAIL).forEach(c -> findings.add(c.name() + ": " + c.detail()));
        List<String> warnings = live.stream().filter(c -> c.status() == PreCheck.Status.WARN).map(PreCheck::describe).toList();
        run.plan().migrations().stream().filter(PlannedMigration::hasCheck).forEach(m -> checks.add(m.version() + ".check.sql"));
        audit.record(run.id(), Actor.BOT, "prechecks.result", Map.of("checks", checks, "findings", findings));
        if (!findings.isEmpty()) {
            fail(run, "❌ Pre-checks failed — nothing was applied:\n• " + String.join("\n• ", findings));
            return false;
        }
        observer.step(run, "✅ Pre-checks passed (" + checks.size() + "/" + checks.size() + ": " + String.join(", ", checks)
                + ") — " + seconds(start) + (warnings.isEmpty() ? "" : "\n" + String.join("\n", warnings)));
        return true;
    }

    private boolean backup(MigrationRun run) {
        TargetProperties settings = engine.targets().get(run.target()).settings();
        if (settings.backup() == TargetProperties.BackupMode.OFF) {
            audit.record(run.id(), Actor.BOT, "backup.off", Map.of("policy", "backup: off"));
            observer.step(run, "💾 No backup: " + run.target() + " is configured with backup: off, so a rollback can only use down scripts");
            return true;
        }
        long start = System.nanoTime();
        TargetDatabase target = engine.targets().get(run.target());
        BackupArtifact backup;
        try {
            observer.step(run, "💾 Taking a backup of " + run.target() + "…");
            backup = backupStore.save(backups.take(target, run.id(),
                    bytes -> observer.step(run, String.format("💾 %.1f MB written so far…", bytes / 1048576.0))));
        } catch (BackupException e) {
            fail(run, "❌ The backup failed — nothing was applied: " + e.getMessage());
            return false;
        }
        audit.record(run.id(), Actor.BOT, "backup.taken", Map.of("backup", backup.id(), "path", backup.path().toString(),
                "bytes", backup.sizeBytes(), "sha256", backup.sha256(), "pgDumpStderr", String.valueOf(backup.stderr())));
        Optional<Rehearsal> rehearsal = backupSettings.rehearsalFor(settings)
                ? Optional.of(new MigrationRehearsal(engine, run)) : Optional.empty();
        Verification verification = backups.verify(backup, target, backupSettings.restoreCheckFor(settings), rehearsal);
        audit.record(run.id(), Actor.BOT, "backup.verified", Map.of("backup", backup.id(), "failures", verification.failures(),
                "summary", verification.summary(), "rehearsal", String.valueOf(verification.rehearsal()),
                "ms", verification.took().toMillis()));
        if (!verification.passed()) {
            boolean rehearsalFailed = verification.rehearsal() != null;
            fail(run, (rehearsalFailed ? "❌ The rehearsal on a restored copy failed — production was not touched:\n• "
                    : "❌ The backup could not be verified — nothing was applied:\n• ") + String.join("\n• ", verification.failures()));
            return false;
        }
        backup = backupStore.markVerified(backup, clock.instant(), verification.summary());
        observer.step(run, "💾 Backup " + backup.size() + " written, sha256 " + backup.sha256().substring(0, 4) + "…, "
                + verification.summary() + " — " + seconds(start));
        if (verification.rehearsal() != null) {
            observer.step(run, "🎭 Rehearsal on the restored copy: " + verification.rehearsal());
        }
        retention.apply(run.target());
        return true;
    }

    private Optional<VerificationReport> apply(MigrationRun run) {
        List<String> expected = run.plan().migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList();
        ApplyRequest request = new ApplyRequest(run.requester().name() + " (" + run.requester().id() + ")",
                String.valueOf(run.id()), run.reason(), Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse),
                Optional.of(expected));
        ApplyOutcome outcome = engine.apply(run.target(), request, new Narrator(run));
        if (!outcome.apply().success()) {
            Actor canceller = cancelledBy.get(run.id());
            String failure = outcome.apply().failure().get().describe();
            String applied = outcome.apply().applied().stream().map(Migration::label).collect(Collectors.joining(", "));
            String notApplied = outcome.apply().notAttempted().stream().map(Migration::label).collect(Collectors.joining(", "));
            fail(run, (canceller == null ? "❌ " : "⏹️ Cancelled by " + canceller.name() + ". ") + failure
                    + "\nApplied: " + (applied.isEmpty() ? "nothing" : applied)
                    + (notApplied.isEmpty() ? "" : "\nNot attempted: " + notApplied));
            return Optional.empty();
        }
        return Optional.of(outcome.verification().orElse(new VerificationReport(List.of(), List.of(), List.of(), List.of())));
    }

    private boolean verify(MigrationRun run, VerificationReport report) {
        audit.record(run.id(), Actor.BOT, "verify.result", Map.of("failures", report.failures(), "warnings", report.warnings(),
                "rowCounts", report.rowCounts().stream().map(c -> c.describe()).toList()));
        if (!report.passed()) {
            fail(run, "❌ Verification failed:\n• " + String.join("\n• ", report.failures()));
            return false;
        }
        observer.step(run, "✅ Verified: verify queries returned nothing, no invalid index"
                + (report.rowCounts().isEmpty() ? "" : "; rows " + report.rowCounts().stream().map(c -> c.describe())
                .collect(Collectors.joining(", ")))
                + (report.warnings().isEmpty() ? "" : "\n⚠️ " + String.join("\n⚠️ ", report.warnings())));
        return true;
    }

    private void rollBack(long runId) {
        MigrationRun run = runs.get(runId);
        steps.start(runId, "rollback");
        try {
            audit.record(runId, Actor.BOT, "rollback.started", Map.of());
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(runId)));
            if (plan.restoreRequired() || runs.rollbackByRestore(runId)) {
                restore(run);
                return;
            }
            RollbackResult result = engine.rollback(run.target(), RollbackSelector.run(String.valueOf(runId)), new Narrator(run));
            if (!result.success()) {
                fail(run, "❌ Rollback stopped: " + result.failure().get().describe() + "\nRolled back: "
                        + (result.rolledBack().isEmpty() ? "nothing" : String.join(", ", result.rolledBack())));
                return;
            }
            MigrationRun after = runs.transition(runId, RunState.ROLLED_BACK, null, "rolled back: " + String.join(", ", result.rolledBack()));
            audit.record(runId, Actor.BOT, "rollback.completed", Map.of("versions", result.rolledBack()));
            observer.runChanged(after);
            observer.step(after, "↩️ Rolled back " + String.join(", ", result.rolledBack()) + " with their down scripts");
        } catch (IllegalTransitionException e) {
            log.info("rollback of run #{} stopped: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            fail(runs.get(runId), "❌ Rollback failed: " + e.getMessage() + " — nothing more was changed");
        }
    }

    /** Restores the run's verified backup into its target, in one transaction. */
    private void restore(MigrationRun run) {
        BackupArtifact backup = backupStore.verifiedForRun(run.id()).orElseThrow(() -> new BackupException(
                "run " + run.label() + " has no verified backup to restore"));
        observer.step(run, "♻️ Restoring backup #" + backup.id() + " (" + backup.size() + ", taken " + backup.createdAt()
                + ") into " + run.target() + "…");
        Duration took = backups.restore(backup, engine.targets().get(run.target()));
        MigrationRun after = runs.transition(run.id(), RunState.ROLLED_BACK, null, "restored backup #" + backup.id());
        audit.record(run.id(), Actor.BOT, "rollback.restored", Map.of("backup", backup.id(), "sha256", backup.sha256(),
                "ms", took.toMillis()));
        observer.runChanged(after);
        observer.step(after, "♻️ Restored backup #" + backup.id() + " into " + run.target() + " — "
                + String.format("%.1f s", took.toMillis() / 1000.0));
    }

    private void fail(MigrationRun run, String message) {
        MigrationRun failed = runs.transition(run.id(), RunState.FAILED, null, message);
        audit.record(run.id(), Actor.BOT, "run.failed", Map.of("why", message));
        observer.runChanged(failed);
        observer.alert(failed, message + "\n" + rollbackOptions(failed));
    }

    String rollbackOptions(MigrationRun run) {
        try {
            RollbackPlan plan = engine.rollbackPlan(run.target(), RollbackSelector.run(String.valueOf(run.id())));
            if (plan.steps().isEmpty()) {
                return "Rollback options: none needed — this run left nothing applied.";
            }
            return "Rollback options: `/migrate rollback " + run.id() + "` — " + plan.describe();
        } catch (RuntimeException e) {
            return "Rollback options: could not read the target's history (" + e.getMessage() + ")";
        }
    }

    private static String seconds(long startNanos) {
        return String.format("%.1f s", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0);
    }

    /** Tells the thread what the engine does, and audits every statement by hash. */
    private final class Narrator implements ApplyListener {
        private final MigrationRun run;

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
            observer.step(run, "▶️ Applying " + migration.version()
                    + " " + migration.name() + " (" + migration.up().statements().size() + " statements, "
                    + (migration.transactional() ? "one transaction" : "no transaction: " + migration.up().mode().reason()) + ")…");
        }

        @Override
        public void statementExecuted(StatementEvent event) {
            audit.record(run.id(), Actor.BOT, "statement.executed", Map.of("version", event.version(), "location", event.location(),
                    "sha256", event.sha256(), "ms", event.duration().toMillis(), "outcome", event.outcome().name(),
                    "sqlState", String.valueOf(event.sqlState())));
        }

        @Override
        public void lockTimeoutRetry(String version, int retry, Duration wait) {
            if (retry == 1 || retry % 10 == 0) {
                observer.step(run, "⏳ " + version + " is waiting for a lock (lock_timeout hit " + retry
                        + " time(s)); retrying without blocking live traffic");
            }
        }

        @Override
        public void invalidIndexDropped(String version, String index) {
            audit.record(run.id(), Actor.BOT, "index.invalid_dropped", Map.of("version", version, "index", index));
        }

        @Override
        public void migrationFinished(Migration migration, ScriptOutcome outcome) {
            if (outcome.success()) {
                observer.step(run, "✅ Applied " + migration.version() + " — "
                        + String.format("%.1f s", outcome.duration().toMillis() / 1000.0));
            }
        }
    }

    /** A short interval reads in seconds, a longer one in minutes. */
    private static String roughly(Duration interval) {
        return interval.toSeconds() < 60 ? interval.toSeconds() + " s" : interval.toMinutes() + " min";
    }
}
