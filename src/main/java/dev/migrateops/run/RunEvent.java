package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.Audited;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.Verification;
import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.Progress;
import dev.migrateops.engine.StatementEvent;
import dev.migrateops.engine.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened to a run, as typed facts. The domain publishes them inside the transaction of the decision
 * or step that caused them; the audit trail (every {@link Audited} one), the Slack adapter and the command
 * line turn them into rows, messages and lines, so their writes commit together with the run's.
 */
public sealed interface RunEvent {

    /** The run as it is after the event. */
    MigrationRun run();

    /** True when the run itself changed (state, step, votes, plan), so whatever shows it is redrawn. */
    default boolean runChanged() {
        return true;
    }

    <R> R accept(Visitor<R> visitor);

    /** One method per event type: a renderer that implements it cannot forget one. */
    interface Visitor<R> {
        R requested(Requested event);

        R approvalAdded(ApprovalAdded event);

        R approved(Approved event);

        R approvalsVoided(ApprovalsVoided event);

        R lintOverridden(LintOverridden event);

        R approvalsWaived(ApprovalsWaived event);

        R rejected(Rejected event);

        R cancelled(Cancelled event);

        R cancelRequested(CancelRequested event);

        R rollbackRequested(RollbackRequested event);

        R stepStarted(StepStarted event);

        R preChecksDone(PreChecksDone event);

        R backupSkipped(BackupSkipped event);

        R backupStarted(BackupStarted event);


        R backupTaken(BackupTaken event);

        R backupVerified(BackupVerified event);

        R migrationStarted(MigrationStarted event);

        R statementExecuted(StatementExecuted event);

        R lockRetry(LockRetry event);

        R invalidIndexDropped(InvalidIndexDropped event);

        R migrationApplied(MigrationApplied event);

        R blockersSeen(BlockersSeen event);

        R blockerEnded(BlockerEnded event);

        R workProgressed(WorkProgressed event);

        R historyAdopted(HistoryAdopted event);

        R verified(Verified event);

        R monitoringStarted(MonitoringStarted event);

        R monitoringAlert(MonitoringAlert event);

        R completed(Completed event);

        R failed(Failed event);

        R interrupted(Interrupted event);

        R resumed(Resumed event);

        R restoreStarted(RestoreStarted event);

        R rolledBack(RolledBack event);

        R statusUpdate(StatusUpdate event);

        R reportWritten(ReportWritten event);
    }

    /** A run was requested; its plan (migrations, lint, pre-check preview) is in {@code run.plan()}. */
    record Requested(MigrationRun run) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.requested(this);
        }

        public Entry auditEntry() {
            RunPlan plan = run.plan();
            return new Entry(run.id(), run.requester(), "run.requested", Map.of("target", run.target(),
                    "reason", String.valueOf(run.reason()),
                    "migrations", plan.migrations().stream().map(m -> m.version() + ":" + m.checksum()).toList(),
                    "drift", plan.drift(), "missingUpstream", plan.missingUpstream(),
                    "lint", plan.lint().stream().map(f -> f.rule() + "@" + f.location()
                            + (f.acknowledged() == null ? "" : " allowed: " + f.acknowledged())).toList(),
                    "preChecks", plan.preChecks().stream().map(c -> c.status() + " " + c.name()).toList()));
        }
    }

    /**
     * Someone started a run (or its rollback) without the votes its target requires, with a reason: break-glass,
     * for when votes cannot be given (Slack is down). The reason is shown and audited.
     */
    record ApprovalsWaived(MigrationRun run, Actor by, Approval.Purpose purpose, int required, String reason)
            implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.approvalsWaived(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), by, purpose == Approval.Purpose.APPLY ? "run.break_glass" : "rollback.break_glass",
                    Map.of("reason", reason, "approvalsRequired", required));
        }
    }

    /** A vote that did not complete the quorum (or did, see {@link Approved}). */
    record ApprovalAdded(MigrationRun run, Actor voter, Approval.Purpose purpose) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.approvalAdded(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), voter, purpose == Approval.Purpose.APPLY ? "run.approval" : "rollback.approval", Map.of());
        }
    }

    /**
     * The quorum is complete (or the policy needs none): the run or its rollback starts.
     *
     * @param approvers the ids of those whose approvals counted; empty when the policy needs none
     */
    record Approved(MigrationRun run, Approval.Purpose purpose, List<String> approvers) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.approved(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, purpose == Approval.Purpose.APPLY ? "run.approved" : "rollback.approved",
                    approvers.isEmpty() ? Map.of("approvals", 0, "policy", "approvals-required: 0") : Map.of("approvers", approvers));
        }
    }

    /**
     * The pending migrations changed since the run was requested: earlier approvals no longer count.
     *
     * @param afterApproval true when the change was found after the run was approved, before anything was applied
     */
    record ApprovalsVoided(MigrationRun run, String why, boolean afterApproval) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.approvalsVoided(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "approvals.voided", Map.of("why", why));
        }
    }

    record LintOverridden(MigrationRun run, Actor approver, int errors, String reason) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.lintOverridden(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), approver, "lint.overridden", Map.of("reason", reason, "findings",
                    run.plan().blockingLint().stream().map(f -> f.rule() + "@" + f.location()).toList()));
        }
    }

    /** An approver turned the run (or, with {@code ofRollback}, its rollback request) down. */
    record Rejected(MigrationRun run, Actor by, String reason, boolean ofRollback) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.rejected(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), by, "run.rejected", Map.of("reason", reason));
        }
    }

    /** Ended before anything was applied, or (with {@code ofRollback}) a rollback request withdrawn. */
    record Cancelled(MigrationRun run, Actor by, RunState from, boolean ofRollback) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.cancelled(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), by, "run.cancelled", Map.of("state", from.name()));
        }
    }

    /** Cancel asked for while applying: the running migration is being stopped and rolled back. */
    record CancelRequested(MigrationRun run, Actor by) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.cancelRequested(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), by, "run.cancel_requested", Map.of("state", run.state().name()));
        }
    }

    /**
     * Someone asked for a rollback.
     *
     * @param plan           the down scripts it would run, newest first, or what needs a restore
     * @param restoreAsked   the person asked for a restore although down scripts exist
     * @param restore        what a restore would bring back and lose, when the rollback is one
     */
    record RollbackRequested(MigrationRun run, Actor by, String reason, String plan, boolean restoreAsked,
                             Optional<RestoreNotice> restore) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.rollbackRequested(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), by, "rollback.requested", Map.of("reason", String.valueOf(reason), "plan", plan,
                    "byRestore", restore.isPresent()));
        }
    }

    /** The backup a rollback would restore, and what was written since it and would be lost. */
    record RestoreNotice(long backupId, String size, Instant takenAt, List<String> losses) {
        public RestoreNotice {
            losses = List.copyOf(losses);
        }
    }

    record StepStarted(MigrationRun run, Step step) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.stepStarted(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, step.auditAction(), Map.of("state", run.state().name()));
        }
    }

    /**
     * The pre-checks ran. With findings the run fails ({@link Failed} follows); without, it goes on.
     *
     * @param checks   the names of the checks that ran
     * @param findings what failed, one line each
     * @param warnings checks that passed with something worth a look
     */
    record PreChecksDone(MigrationRun run, List<String> checks, List<String> findings, List<PreCheck> warnings, Duration took)
            implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public boolean passed() {
            return findings.isEmpty();
        }

        public <R> R accept(Visitor<R> v) {
            return v.preChecksDone(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "prechecks.result", Map.of("checks", checks, "findings", findings));
        }
    }

    /** The target is configured with {@code backup: off}: rollback can use down scripts only. */
    record BackupSkipped(MigrationRun run) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.backupSkipped(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "backup.off", Map.of("policy", "backup: off"));
        }
    }

    record BackupStarted(MigrationRun run) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.backupStarted(this);
        }
    }

    /** The dump is written and registered; its verification comes next. */
    record BackupTaken(MigrationRun run, BackupArtifact backup) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.backupTaken(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "backup.taken", Map.of("backup", backup.id(), "path", backup.path().toString(),
                    "bytes", backup.sizeBytes(), "sha256", backup.sha256(), "pgDumpStderr", String.valueOf(backup.stderr())));
        }
    }

    /** The backup's verification (restore check, rehearsal). When it failed, {@link Failed} follows. */
    record BackupVerified(MigrationRun run, BackupArtifact backup, Verification verification, Duration took)
            implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.backupVerified(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "backup.verified", Map.of("backup", backup.id(),
                    "failures", verification.failures(), "summary", verification.summary(),
                    "rehearsal", String.valueOf(verification.rehearsal()), "ms", verification.took().toMillis()));
        }
    }

    /**
     * @param transactional  false when it runs statement by statement
     * @param modeReason     why it runs outside a transaction, when it does
     */
    record MigrationStarted(MigrationRun run, String version, String name, int statements, boolean transactional,
                            String modeReason) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.migrationStarted(this);
        }
    }

    /** Every statement executed, by hash, never by text. */
    record StatementExecuted(MigrationRun run, StatementEvent statement) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.statementExecuted(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "statement.executed", Map.of("version", statement.version(),
                    "location", statement.location(), "sha256", statement.sha256(), "ms", statement.duration().toMillis(),
                    "outcome", statement.outcome().name(), "sqlState", String.valueOf(statement.sqlState())));
        }
    }

    /** A statement hit the lock timeout and will be retried; {@code retry} counts from 1. */
    record LockRetry(MigrationRun run, String version, int retry, Duration waited) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.lockRetry(this);
        }
    }

    /**
     * The sessions a migration's lock request waits for, each time that set changes; empty once it waits no longer
     * (the blockers ended, or the migration finished).
     */
    record BlockersSeen(MigrationRun run, String version, List<Blocker> blockers) implements RunEvent, Audited {
        public BlockersSeen {
            blockers = List.copyOf(blockers);
        }

        public boolean runChanged() {
            return false;
        }

        public boolean cleared() {
            return blockers.isEmpty();
        }

        public <R> R accept(Visitor<R> v) {
            return v.blockersSeen(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, cleared() ? "apply.unblocked" : "apply.blocked", Map.of("version", version,
                    "blockers", blockers.stream().map(Blocker::describe).toList()));
        }
    }

    /**
     * An approver ended a session that blocked the run's migration: its statement cancelled, or with {@code terminated}
     * the whole session (its open transaction rolled back).
     *
     * @param blocker the session as it was just before it was signalled
     */
    record BlockerEnded(MigrationRun run, Actor by, Blocker blocker, boolean terminated) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.blockerEnded(this);
        }

        public Entry auditEntry() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("pid", blocker.pid());
            details.put("backendStart", blocker.backendStart().toString());
            details.put("user", blocker.user());
            details.put("application", blocker.application());
            details.put("client", blocker.client());
            details.put("state", blocker.state());
            details.put("transactionAgeSeconds", blocker.transactionAge() == null ? -1 : blocker.transactionAge().toSeconds());
            details.put("query", blocker.query());
            return new Entry(run.id(), by, terminated ? "blocker.terminated" : "blocker.cancelled", details);
        }
    }

    /**
     * How far a long piece of the run's work is (an index build, a long statement, the dump): told every few seconds
     * while it runs and once when it ends ({@code progress.finished()}), so one message can be kept up to date.
     *
     * @param version the migration it belongs to; empty for the backup
     */
    record WorkProgressed(MigrationRun run, String version, Progress progress) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.workProgressed(this);
        }
    }

    record InvalidIndexDropped(MigrationRun run, String version, String index) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.invalidIndexDropped(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "index.invalid_dropped", Map.of("version", version, "index", index));
        }
    }

    /**
     * A migration applied: how long it took, how many attempts its locks needed, and the longest live traffic could
     * have queued behind one of its lock requests (the longest lock_timeout it waited with).
     */
    record MigrationApplied(MigrationRun run, String version, Duration took, int attempts, Duration worstLockWait)
            implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.migrationApplied(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "migration.applied", Map.of("version", version, "tookMs", took.toMillis(),
                    "attempts", attempts, "worstLockWaitMs", worstLockWait.toMillis()));
        }

        /** "1 attempt, lock waits ≤ 48 ms". */
        public String locking() {
            return locking(attempts, worstLockWait.toMillis());
        }

        /** The same words from the audit row's numbers, for the completion report. */
        static String locking(int attempts, long worstLockWaitMs) {
            return attempts + (attempts == 1 ? " attempt" : " attempts") + ", lock waits ≤ " + worstLockWaitMs + " ms";
        }
    }

    /**
     * On first contact, the run took what the team's own migration tool recorded in its history table as
     * applied, and recorded that in MigrateOps' history, instead of applying those migrations again.
     */
    record HistoryAdopted(MigrationRun run, String table, List<String> versions) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.historyAdopted(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "history.adopted", Map.of("table", table, "versions", versions));
        }
    }

    /** What verification found. When it failed, {@link Failed} follows. */
    record Verified(MigrationRun run, VerificationReport report) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.verified(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "verify.result", Map.of("failures", report.failures(),
                    "warnings", report.warnings(), "rowCounts", report.rowCounts().stream().map(c -> c.describe()).toList()));
        }
    }

    record MonitoringStarted(MigrationRun run, Instant until, Duration probeInterval) implements RunEvent {
        public <R> R accept(Visitor<R> v) {
            return v.monitoringStarted(this);
        }
    }

    /** A threshold was crossed while the target is watched; {@code kind} is alerted once per run. */
    record MonitoringAlert(MigrationRun run, String kind, String detail) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.monitoringAlert(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "monitoring.alert", Map.of("kind", kind, "detail", detail));
        }
    }

    /** How a run came to be completed. */
    enum Completion { VERIFIED_WITHOUT_WINDOW, WINDOW_ENDED, CLOSED_EARLY }

    /**
     * @param closedBy who ended the monitoring window early, for {@link Completion#CLOSED_EARLY}
     * @param alerts   the kinds alerted during the monitoring window
     */
    record Completed(MigrationRun run, Completion how, Optional<Actor> closedBy, List<String> alerts) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.completed(this);
        }

        public Entry auditEntry() {
            return switch (how) {
                case CLOSED_EARLY -> new Entry(run.id(), closedBy.orElse(Actor.BOT), "run.closed", Map.of("early", true));
                case WINDOW_ENDED -> new Entry(run.id(), Actor.BOT, "run.completed", Map.of("alerts", alerts));
                case VERIFIED_WITHOUT_WINDOW -> new Entry(run.id(), Actor.BOT, "run.completed", Map.of());
            };
        }
    }

    /**
     * The run failed; nothing more runs. The run's outcome says what in plain words.
     *
     * @param failure  what failed and the details, one line each
     * @param rollback what a rollback would do now
     */
    record Failed(MigrationRun run, Failure failure, RollbackOptions rollback) implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.failed(this);
        }

        public Entry auditEntry() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("why", failure.describe());
            details.put("kind", failure.kind().name());
            return new Entry(run.id(), Actor.BOT, "run.failed", details);
        }
    }

    /**
     * The instance working on the run stopped while it applied, verified or rolled back; {@code applied} is what
     * the target's history says, {@code sessionsEnded} how many of the dead instance's target sessions were ended.
     */
    record Interrupted(MigrationRun run, RunState was, String applied, int sessionsEnded, RollbackOptions rollback)
            implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.interrupted(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "run.interrupted", Map.of("state", was.name(), "applied", applied,
                    "sessionsEnded", sessionsEnded));
        }
    }

    /**
     * The instance working on the run stopped, and another instance took the run over: before it touched the target
     * (the pre-checks start again), or while applying {@code inFlight} — a migration in one transaction, which rolled
     * back with the session, or one outside a transaction whose statements can run again; what is left is applied.
     */
    record Resumed(MigrationRun run, RunState was, int sessionsEnded, Optional<PlannedMigration> inFlight)
            implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.resumed(this);
        }

        public Entry auditEntry() {
            Map<String, Object> details = new java.util.LinkedHashMap<>(Map.of("state", was.name(), "sessionsEnded", sessionsEnded));
            inFlight.ifPresent(m -> {
                details.put("inFlight", m.version());
                details.put("transactional", m.transactional());
            });
            return new Entry(run.id(), Actor.BOT, "run.resumed", details);
        }
    }

    record RestoreStarted(MigrationRun run, BackupArtifact backup) implements RunEvent, Audited {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.restoreStarted(this);
        }

        public Entry auditEntry() {
            return new Entry(run.id(), Actor.BOT, "rollback.restore_started", Map.of("backup", backup.id()));
        }
    }

    /**
     * The rollback finished: by the down scripts of {@code versions}, or by restoring {@code backup}.
     */
    /** @param removed what the restore dropped because the backup did not have it: objects the migrations created */
    record RolledBack(MigrationRun run, List<String> versions, Optional<BackupArtifact> backup, Duration took, List<String> removed)
            implements RunEvent, Audited {
        public <R> R accept(Visitor<R> v) {
            return v.rolledBack(this);
        }

        public Entry auditEntry() {
            return backup.map(b -> new Entry(run.id(), Actor.BOT, "rollback.restored", Map.of("backup", b.id(),
                            "sha256", b.sha256(), "ms", took.toMillis(), "removed", removed)))
                    .orElseGet(() -> new Entry(run.id(), Actor.BOT, "rollback.completed", Map.of("versions", versions)));
        }
    }

    /** The periodic status update. */
    record StatusUpdate(MigrationRun run, StatusSnapshot snapshot) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.statusUpdate(this);
        }
    }

    /** The run closed and its completion report is written. */
    record ReportWritten(MigrationRun run, CompletionReport report) implements RunEvent {
        public boolean runChanged() {
            return false;
        }

        public <R> R accept(Visitor<R> v) {
            return v.reportWritten(this);
        }
    }
}
