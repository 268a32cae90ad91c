package dev.migrateops.cli;

import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.VerificationReport;
import dev.migrateops.lint.Finding;
import dev.migrateops.run.Approval;
import dev.migrateops.run.RunEvent;
import dev.migrateops.text.Plural;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run's events as the lines the command line prints: one event, zero or more lines. Pure: what a
 * terminal shows of an event is decided here and nowhere else.
 */
final class RunEventLines implements RunEvent.Visitor<List<String>> {

    static List<String> of(RunEvent event) {
        return event.accept(new RunEventLines());
    }

    private static List<String> line(String text) {
        return List.of(text);
    }

    private static List<String> none() {
        return List.of();
    }

    private static String ms(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    @Override
    public List<String> requested(RunEvent.Requested e) {
        List<String> lines = new ArrayList<>();
        lines.add("run " + e.run().label() + " on " + e.run().target() + " (" + e.run().plan().target() + "): "
                + Plural.of(e.run().plan().migrations().size(), "migration"));
        e.run().plan().migrations().forEach(m -> lines.add("  " + m.version() + " " + m.name() + "  " + m.mode()));
        for (Finding f : e.run().plan().lint()) {
            lines.add("  " + f.severity() + " " + f.rule() + " at " + f.location()
                    + (f.acknowledged() == null ? "" : " (allowed: " + f.acknowledged() + ")"));
        }
        for (PreCheck check : e.run().plan().preChecks()) {
            if (check.status() != PreCheck.Status.PASS) {
                lines.add("  pre-check preview " + check.status() + " " + check.name() + ": " + check.detail());
            }
        }
        return lines;
    }

    @Override
    public List<String> approvalAdded(RunEvent.ApprovalAdded e) {
        return line("approval by " + e.voter().name());
    }

    @Override
    public List<String> approved(RunEvent.Approved e) {
        return line(e.purpose() == Approval.Purpose.APPLY ? "approved; starting" : "rollback approved; starting");
    }

    @Override
    public List<String> approvalsVoided(RunEvent.ApprovalsVoided e) {
        return line("STOPPED: the migrations changed since the run was planned (" + e.why() + "); nothing was applied");
    }

    @Override
    public List<String> lintOverridden(RunEvent.LintOverridden e) {
        return line(e.approver().name() + " accepted " + Plural.of(e.errors(), "lint error") + ": " + e.reason());
    }

    @Override
    public List<String> approvalsWaived(RunEvent.ApprovalsWaived e) {
        return line("BREAK-GLASS: " + Plural.of(e.required(), "approval") + " waived by " + e.by().name() + ": " + e.reason());
    }

    @Override
    public List<String> rejected(RunEvent.Rejected e) {
        return line("rejected by " + e.by().name() + ": " + e.reason());
    }

    @Override
    public List<String> cancelled(RunEvent.Cancelled e) {
        return line("cancelled by " + e.by().name());
    }

    @Override
    public List<String> cancelRequested(RunEvent.CancelRequested e) {
        return line("cancel requested by " + e.by().name());
    }

    @Override
    public List<String> rollbackRequested(RunEvent.RollbackRequested e) {
        List<String> lines = new ArrayList<>(List.of("rollback of run " + e.run().label() + " requested by " + e.by().name()
                + ": " + e.reason(), e.plan()));
        e.restore().ifPresent(notice -> {
            lines.add("restores backup #" + notice.backupId() + " (" + notice.size() + ", taken " + notice.takenAt() + ")");
            notice.losses().forEach(loss -> lines.add("  lost: " + loss));
        });
        return lines;
    }

    @Override
    public List<String> stepStarted(RunEvent.StepStarted e) {
        return line("▶ " + e.step().label());
    }

    @Override
    public List<String> preChecksDone(RunEvent.PreChecksDone e) {
        List<String> lines = new ArrayList<>();
        lines.add((e.passed() ? "✓ pre-checks passed: " : "✗ pre-checks failed: ") + String.join(", ", e.checks())
                + " (" + ms(e.took()) + ")");
        e.findings().forEach(f -> lines.add("  ✗ " + f));
        e.warnings().forEach(w -> lines.add("  ! " + w.name() + ": " + w.detail()));
        return lines;
    }

    @Override
    public List<String> backupSkipped(RunEvent.BackupSkipped e) {
        return line("backup skipped: the target says backup: off");
    }

    @Override
    public List<String> backupStarted(RunEvent.BackupStarted e) {
        return line("taking a backup with pg_dump");
    }

    @Override
    public List<String> backupTaken(RunEvent.BackupTaken e) {
        return line("backup #" + e.backup().id() + " taken: " + e.backup().size() + ", sha256 " + e.backup().sha256());
    }

    @Override
    public List<String> backupVerified(RunEvent.BackupVerified e) {
        List<String> lines = new ArrayList<>();
        lines.add((e.verification().passed() ? "✓ backup verified: " + e.verification().summary() : "✗ backup NOT verified")
                + " (" + ms(e.took()) + ")");
        if (e.verification().rehearsal() != null) {
            lines.add("  rehearsal: " + e.verification().rehearsal());
        }
        e.verification().rowCounts().forEach((table, rows) -> lines.add("  rows " + table + ": " + rows));
        e.verification().failures().forEach(f -> lines.add("  ✗ " + f));
        return lines;
    }

    @Override
    public List<String> migrationStarted(RunEvent.MigrationStarted e) {
        return line("▶ " + e.version() + " " + e.name() + " (" + Plural.of(e.statements(), "statement")
                + (e.transactional() ? ", in one transaction)" : ", without a transaction: " + e.modeReason() + ")"));
    }

    @Override
    public List<String> statementExecuted(RunEvent.StatementExecuted e) {
        return line("    " + e.statement().location() + " " + e.statement().outcome() + " " + ms(e.statement().duration()));
    }

    @Override
    public List<String> lockRetry(RunEvent.LockRetry e) {
        return line("    lock not granted; retry " + e.retry() + " after " + ms(e.waited()));
    }

    @Override
    public List<String> invalidIndexDropped(RunEvent.InvalidIndexDropped e) {
        return line("    dropped invalid index " + e.index() + " left by an earlier attempt");
    }

    @Override
    public List<String> migrationApplied(RunEvent.MigrationApplied e) {
        return line("✓ " + e.version() + " applied (" + ms(e.took()) + "; " + e.locking() + ")");
    }

    @Override
    public List<String> blockersSeen(RunEvent.BlockersSeen e) {
        if (e.cleared()) {
            return line(e.version() + " waits for no lock any more");
        }
        List<String> lines = new ArrayList<>(line(e.version() + " waits for locks held by:"));
        e.blockers().forEach(b -> lines.add("  " + b.describe()));
        return lines;
    }

    @Override
    public List<String> blockerEnded(RunEvent.BlockerEnded e) {
        return line((e.terminated() ? "terminated" : "cancelled the statement of") + " blocking session " + e.blocker().describe()
                + " — by " + e.by().name());
    }

    @Override
    public List<String> workProgressed(RunEvent.WorkProgressed e) {
        return line((e.progress().finished() ? "✓ " : "… ") + e.progress().describe());
    }

    @Override
    public List<String> historyAdopted(RunEvent.HistoryAdopted e) {
        return line("adopted from " + e.table() + " as already applied: " + String.join(", ", e.versions()));
    }

    @Override
    public List<String> verified(RunEvent.Verified e) {
        VerificationReport report = e.report();
        List<String> lines = new ArrayList<>();
        lines.add(report.passed() ? "✓ verification passed" : "✗ VERIFICATION FAILED");
        report.failures().forEach(f -> lines.add("  ✗ " + f));
        report.warnings().forEach(w -> lines.add("  ! " + w));
        report.notValidConstraints().forEach(c -> lines.add("  NOT VALID constraint: " + c));
        report.rowCounts().forEach(c -> lines.add("  rows " + c.describe()));
        return lines;
    }

    @Override
    public List<String> monitoringStarted(RunEvent.MonitoringStarted e) {
        return line("monitoring the target until " + e.until() + "; a running bot watches it and can roll it back");
    }

    @Override
    public List<String> monitoringAlert(RunEvent.MonitoringAlert e) {
        return line("! monitoring: " + e.kind() + ": " + e.detail());
    }

    @Override
    public List<String> completed(RunEvent.Completed e) {
        return line("✓ run " + e.run().label() + " completed");
    }

    @Override
    public List<String> failed(RunEvent.Failed e) {
        List<String> lines = new ArrayList<>();
        lines.add("✗ run " + e.run().label() + " FAILED: " + e.failure().summary());
        e.failure().details().forEach(d -> lines.add("  " + d));
        if (e.rollback().plan() != null) {
            lines.add("rollback: " + e.rollback().plan() + " — migrateops rollback " + e.run().target() + " --run " + e.run().id());
        }
        Optional.ofNullable(e.rollback().problem()).ifPresent(p -> lines.add("rollback options unknown: " + p));
        return lines;
    }

    @Override
    public List<String> interrupted(RunEvent.Interrupted e) {
        return line("run " + e.run().label() + " was interrupted while " + e.was() + "; applied: " + e.applied());
    }

    @Override
    public List<String> resumed(RunEvent.Resumed e) {
        return line("run " + e.run().label() + " resumed after its instance stopped while " + e.was());
    }

    @Override
    public List<String> restoreStarted(RunEvent.RestoreStarted e) {
        return line("restoring backup #" + e.backup().id() + " (" + e.backup().size() + ")");
    }

    @Override
    public List<String> rolledBack(RunEvent.RolledBack e) {
        List<String> lines = new ArrayList<>(line("✓ run " + e.run().label() + " rolled back"
                + e.backup().map(b -> " by restoring backup #" + b.id()).orElse(": " + String.join(", ", e.versions()))
                + " (" + ms(e.took()) + ")"));
        e.removed().forEach(what -> lines.add("  removed " + what));
        return lines;
    }

    @Override
    public List<String> statusUpdate(RunEvent.StatusUpdate e) {
        return none();
    }

    @Override
    public List<String> reportWritten(RunEvent.ReportWritten e) {
        return none();
    }
}
