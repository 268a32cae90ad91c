package dev.migrateops.slack.view;

import dev.migrateops.engine.PreCheck;
import dev.migrateops.lint.Finding;
import dev.migrateops.run.Approval;
import dev.migrateops.run.CompletionReport;
import dev.migrateops.run.RollbackOptions;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What Slack says for each run event, in the words of the runbooks: one renderer per message, so the
 * wording lives here only. A pure function; the card itself is {@link RunCardView}.
 */
public final class RunEventMessages implements RunEvent.Visitor<Optional<RunEventMessages.Message>> {

    /** Where a message goes. */
    public enum Placement {
        /** a reply in the card's thread */
        THREAD,
        /** a reply in the thread that the requester and approvers must see: they are mentioned */
        ALERT,
        /** a message in the channel, not the thread */
        CHANNEL
    }

    /** One message to send. */
    public record Message(Placement placement, String text) {
    }

    private static final RunEventMessages INSTANCE = new RunEventMessages();
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private RunEventMessages() {
    }

    /** The message for an event, or empty when the event shows only on the card (or nowhere). */
    public static Optional<Message> of(RunEvent event) {
        return event.accept(INSTANCE);
    }

    private static Optional<Message> thread(String text) {
        return Optional.of(new Message(Placement.THREAD, text));
    }

    private static Optional<Message> alert(String text) {
        return Optional.of(new Message(Placement.ALERT, text));
    }

    @Override
    public Optional<Message> requested(RunEvent.Requested e) {
        List<Finding> lint = e.run().plan().lint();
        if (lint.isEmpty()) {
            return Optional.empty();
        }
        return thread("🔎 Lint: " + plural(lint.size(), "finding") + "\n• "
                + lint.stream().map(RunEventMessages::finding).collect(Collectors.joining("\n• ")));
    }

    @Override
    public Optional<Message> approvalAdded(RunEvent.ApprovalAdded e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> approved(RunEvent.Approved e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> approvalsVoided(RunEvent.ApprovalsVoided e) {
        if (!e.afterApproval()) {
            return Optional.empty();
        }
        return alert("⚠️ The plan changed before it was applied (" + Mrkdwn.escape(e.why()) + "): approvals are void. "
                + "Review the updated card and approve again. Nothing was applied.");
    }

    @Override
    public Optional<Message> lintOverridden(RunEvent.LintOverridden e) {
        return thread("🛂 " + Mrkdwn.escape(e.approver().name()) + " accepted " + plural(e.errors(), "lint error") + ": "
                + Mrkdwn.escape(e.reason()));
    }

    @Override
    public Optional<Message> approvalsWaived(RunEvent.ApprovalsWaived e) {
        return alert("🚨 " + Mrkdwn.escape(e.by().name()) + " started " + (e.purpose() == Approval.Purpose.APPLY ? "this run" : "this rollback")
                + " without the " + plural(e.required(), "approval") + " it needs (break-glass): " + Mrkdwn.escape(e.reason()));
    }

    @Override
    public Optional<Message> rejected(RunEvent.Rejected e) {
        return thread("🛑 " + (e.ofRollback() ? "rollback " : "") + "rejected by " + Mrkdwn.escape(e.by().name()) + ": "
                + Mrkdwn.escape(e.reason()));
    }

    @Override
    public Optional<Message> cancelled(RunEvent.Cancelled e) {
        return thread(e.ofRollback() ? "⏹️ Rollback request cancelled by " + Mrkdwn.escape(e.by().name())
                : "⏹️ Cancelled by " + Mrkdwn.escape(e.by().name()) + " — nothing was applied");
    }

    @Override
    public Optional<Message> cancelRequested(RunEvent.CancelRequested e) {
        return thread("⏹️ " + Mrkdwn.escape(e.by().name()) + " cancelled run " + e.run().label() + " while applying: the running "
                + "migration is being rolled back");
    }

    @Override
    public Optional<Message> rollbackRequested(RunEvent.RollbackRequested e) {
        StringBuilder text = new StringBuilder("↩️ Rollback requested by " + Mrkdwn.escape(e.by().name())
                + (e.reason() == null ? "" : " — \"" + Mrkdwn.escape(e.reason()) + "\"") + "\n"
                + (e.restoreAsked() ? "by restoring the backup (asked for with --restore)" : Mrkdwn.escape(e.plan())));
        e.restore().ifPresent(r -> text.append("\n♻️ This restores backup #").append(r.backupId()).append(" (").append(Mrkdwn.escape(r.size()))
                .append(", taken ").append(date(r.takenAt())).append("). Written since then, and lost by the restore")
                .append(r.losses().isEmpty() ? ": nothing that PostgreSQL can see."
                        : ":\n• " + r.losses().stream().map(Mrkdwn::escape).collect(Collectors.joining("\n• ")))
                .append("\nApproving asks for the target's name as a second confirmation."));
        return thread(text.toString());
    }

    @Override
    public Optional<Message> stepStarted(RunEvent.StepStarted e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> preChecksDone(RunEvent.PreChecksDone e) {
        if (!e.passed()) {
            return Optional.empty();
        }
        int n = e.checks().size();
        return thread("✅ Pre-checks passed (" + n + "/" + n + ": " + Mrkdwn.escape(String.join(", ", e.checks())) + ") — " + seconds(e.took())
                + (e.warnings().isEmpty() ? "" : "\n" + e.warnings().stream().map(RunEventMessages::preCheck)
                .collect(Collectors.joining("\n"))));
    }

    @Override
    public Optional<Message> backupSkipped(RunEvent.BackupSkipped e) {
        return thread("💾 No backup: " + e.run().target() + " is configured with backup: off, so a rollback can only use down scripts");
    }

    @Override
    public Optional<Message> backupStarted(RunEvent.BackupStarted e) {
        return thread("💾 Taking a backup of " + e.run().target() + "…");
    }

    @Override
    public Optional<Message> backupTaken(RunEvent.BackupTaken e) {
        return Optional.empty();
    }

    /** The rows per table the restore check found, the first dozen by name: what an approver can compare with. */
    static String verifiedRows(java.util.Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        String shown = counts.entrySet().stream().limit(12).map(c -> Mrkdwn.escape(c.getKey()) + " " + String.format(java.util.Locale.ROOT, "%,d", c.getValue()))
                .collect(java.util.stream.Collectors.joining(" · "));
        return "\nRows in the restored copy: " + shown + (counts.size() > 12 ? " · and " + (counts.size() - 12) + " more tables" : "");
    }

    @Override
    public Optional<Message> backupVerified(RunEvent.BackupVerified e) {
        if (!e.verification().passed()) {
            return Optional.empty();
        }
        String text = "💾 Backup " + Mrkdwn.escape(e.backup().size()) + " written, sha256 "
                + Mrkdwn.escape(e.backup().sha256().substring(0, Math.min(4, e.backup().sha256().length()))) + "…, "
                + Mrkdwn.escape(e.verification().summary()) + " — " + seconds(e.took()) + verifiedRows(e.verification().rowCounts());
        return thread(e.verification().rehearsal() == null ? text
                : text + "\n🎭 Rehearsal on the restored copy: " + Mrkdwn.escape(e.verification().rehearsal()));
    }

    @Override
    public Optional<Message> migrationStarted(RunEvent.MigrationStarted e) {
        return thread("▶️ Applying " + Mrkdwn.escape(e.version()) + " " + Mrkdwn.escape(e.name()) + " (" + plural(e.statements(), "statement")
                + ", " + (e.transactional() ? "one transaction" : "no transaction: " + Mrkdwn.escape(e.modeReason())) + ")…");
    }

    @Override
    public Optional<Message> statementExecuted(RunEvent.StatementExecuted e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> lockRetry(RunEvent.LockRetry e) {
        // the first wait and every tenth: enough to show it is alive without flooding the thread
        if (e.retry() != 1 && e.retry() % 10 != 0) {
            return Optional.empty();
        }
        return thread("⏳ " + Mrkdwn.escape(e.version()) + " is waiting for a lock (lock_timeout hit " + times(e.retry())
                + "); retrying without blocking live traffic");
    }

    @Override
    public Optional<Message> invalidIndexDropped(RunEvent.InvalidIndexDropped e) {
        return thread("🧹 Dropped index " + Mrkdwn.escape(e.index()) + ", left invalid by the interrupted build of "
                + Mrkdwn.escape(e.version()) + "; building it again.");
    }

    @Override
    public Optional<Message> migrationApplied(RunEvent.MigrationApplied e) {
        return thread("✅ Applied " + Mrkdwn.escape(e.version()) + " — " + seconds(e.took()) + " · " + Mrkdwn.escape(e.locking()));
    }

    @Override
    public Optional<Message> blockersSeen(RunEvent.BlockersSeen e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> blockerEnded(RunEvent.BlockerEnded e) {
        return thread((e.terminated() ? "🛑 " + Mrkdwn.mention(e.by().id()) + " terminated blocking session `"
                : "🛑 " + Mrkdwn.mention(e.by().id()) + " cancelled the statement of blocking session `")
                + Mrkdwn.escape(e.blocker().describe().replace('`', '\'')) + "`"
                + (e.terminated() ? "; its open transaction was rolled back" : ""));
    }

    @Override
    public Optional<Message> workProgressed(RunEvent.WorkProgressed e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> historyAdopted(RunEvent.HistoryAdopted e) {
        return thread("📥 Taken as already applied, as `" + Mrkdwn.escape(e.table()) + "` records: "
                + e.versions().stream().map(v -> "`" + Mrkdwn.escape(v) + "`").collect(java.util.stream.Collectors.joining(", ")));
    }

    @Override
    public Optional<Message> verified(RunEvent.Verified e) {
        if (!e.report().passed()) {
            return Optional.empty();
        }
        return thread("✅ Verified: verify queries returned nothing, no invalid index"
                + (e.report().rowCounts().isEmpty() ? "" : "; rows " + e.report().rowCounts().stream().map(c -> Mrkdwn.escape(c.describe()))
                .collect(Collectors.joining(", ")))
                + (e.report().warnings().isEmpty() ? "" : "\n⚠️ " + e.report().warnings().stream().map(Mrkdwn::escape)
                .collect(Collectors.joining("\n⚠️ "))));
    }

    @Override
    public Optional<Message> monitoringStarted(RunEvent.MonitoringStarted e) {
        long id = e.run().id();
        return thread("👀 Applied and verified. Watching " + e.run().target() + " until " + time(e.until()) + " (probes every "
                + roughly(e.probeInterval()) + "); `/migrate close " + id + "` ends the window early, "
                + "`/migrate rollback " + id + "` if it goes wrong");
    }

    @Override
    public Optional<Message> monitoringAlert(RunEvent.MonitoringAlert e) {
        return Optional.empty();
    }

    @Override
    public Optional<Message> completed(RunEvent.Completed e) {
        return thread(switch (e.how()) {
            case VERIFIED_WITHOUT_WINDOW -> "🎉 Completed: " + plural(e.run().plan().migrations().size(), "migration")
                    + " applied and verified on " + e.run().target();
            case CLOSED_EARLY -> "🎉 Completed: " + Mrkdwn.escape(e.closedBy().map(a -> a.name()).orElse("someone"))
                    + " closed the monitoring window early";
            case WINDOW_ENDED -> e.alerts().isEmpty() ? "🎉 Completed: the monitoring window ended with no alert"
                    : "✅ Completed: the monitoring window ended after alerts on " + Mrkdwn.escape(String.join(", ", e.alerts()));
        });
    }

    @Override
    public Optional<Message> failed(RunEvent.Failed e) {
        String icon = e.failure().kind() == dev.migrateops.run.Failure.Kind.CANCELLED ? "⏹️ " : "❌ ";
        return alert(icon + Mrkdwn.escape(e.failure().describe()) + "\n" + rollbackOptions(e.run().id(), e.rollback()));
    }

    @Override
    public Optional<Message> interrupted(RunEvent.Interrupted e) {
        return alert("⚠️ MigrateOps stopped while run " + e.run().label() + " was " + e.was() + ". It will not be resumed."
                + " According to " + e.run().target() + "'s history, this run applied: " + Mrkdwn.escape(e.applied())
                + endedSessions(e.sessionsEnded()) + ".\n"
                + rollbackOptions(e.run().id(), e.rollback()));
    }

    @Override
    public Optional<Message> resumed(RunEvent.Resumed e) {
        if (e.was() == RunState.APPLYING) {
            String where = e.inFlight().map(m -> " in " + Mrkdwn.escape(m.version() + " " + m.name()) + (m.transactional()
                    ? ", which runs in one transaction, so it rolled back"
                    : ", which runs outside a transaction; its statements can run again (an index its build left invalid is"
                    + " dropped and built again)")).orElse("");
            return thread("🔁 The MigrateOps instance applying run " + e.run().label() + " stopped" + where
                    + endedSessions(e.sessionsEnded()) + ". Another instance took the run over and applies what is left, once the"
                    + " approved checksums match again.");
        }
        return thread("🔁 The MigrateOps instance working on run " + e.run().label() + " stopped while it was " + e.was()
                + ", before anything was applied" + endedSessions(e.sessionsEnded()) + ". Another instance took the run over and "
                + "starts its pre-checks again.");
    }

    private static String endedSessions(int ended) {
        return ended == 0 ? "" : "; its " + plural(ended, "session") + " on the target " + (ended == 1 ? "was" : "were") + " ended";
    }

    @Override
    public Optional<Message> restoreStarted(RunEvent.RestoreStarted e) {
        return thread("♻️ Restoring backup #" + e.backup().id() + " (" + Mrkdwn.escape(e.backup().size()) + ", taken " + date(e.backup().createdAt())
                + ") into " + e.run().target() + "…");
    }

    @Override
    public Optional<Message> rolledBack(RunEvent.RolledBack e) {
        return thread(e.backup().map(b -> "♻️ Restored backup #" + b.id() + " into " + e.run().target() + " — " + seconds(e.took())
                        + (e.removed().isEmpty() ? "" : "\nRemoved, as the backup did not have them: "
                        + Mrkdwn.escape(String.join(", ", e.removed()))))
                .orElse("↩️ Rolled back " + Mrkdwn.escape(String.join(", ", e.versions())) + " with their down scripts"));
    }

    @Override
    public Optional<Message> statusUpdate(RunEvent.StatusUpdate e) {
        return Optional.of(new Message(Placement.CHANNEL, StatusUpdateView.text(e.run(), e.snapshot())));
    }

    @Override
    public Optional<Message> reportWritten(RunEvent.ReportWritten e) {
        return thread(report(e.report()));
    }

    /** The completion report as one message; also the answer to {@code /migrate report}. */
    public static String report(CompletionReport r) {
        StringBuilder md = new StringBuilder("📋 *Completion report — " + r.target() + " run #" + r.runId() + " — " + r.state() + "*\n");
        md.append("Requested by ").append(Mrkdwn.mention(r.requester().id()))
                .append(r.reason() == null ? "" : " — \"" + Mrkdwn.escape(r.reason()) + "\"");
        md.append(" · approved by ").append(r.approvers().isEmpty() ? "policy (no approval needed)"
                : r.approvers().stream().map(a -> Mrkdwn.mention(a.id())).collect(Collectors.joining(", "))).append('\n');
        md.append("*Timeline*\n");
        for (RunSteps.Step step : r.timeline()) {
            Instant end = step.finishedAt() == null ? step.startedAt() : step.finishedAt();
            md.append("• ").append(Mrkdwn.escape(step.name())).append(" — ").append(StatusUpdateView.human(step.duration(end)))
                    .append(step.outcome() == null || step.outcome().equals("done") ? "" : " (" + Mrkdwn.escape(step.outcome()) + ")")
                    .append('\n');
        }
        md.append("*Migrations*\n");
        r.migrations().forEach(m -> md.append("• `").append(Mrkdwn.escape(m.version())).append("` ").append(Mrkdwn.escape(m.name()))
                .append(" · sha256 `").append(Mrkdwn.escape(m.checksum().substring(0, Math.min(12, m.checksum().length())))).append("…`\n"));
        if (!r.locking().isEmpty()) {
            md.append("*Locks*: ").append(Mrkdwn.escape(String.join(" · ", r.locking()))).append('\n');
        }
        md.append("*Backup*: ").append(r.backup() == null ? "none" : "#" + r.backup().id() + " " + Mrkdwn.escape(r.backup().size()
                + ", sha256 `" + r.backup().sha256().substring(0, Math.min(12, r.backup().sha256().length())) + "…`, "
                + r.backup().restoreCheck() + " (" + r.backup().fileName() + ")"))
                .append('\n');
        md.append("*Verification*: ").append(r.verification() == null ? "not reached"
                : (r.verification().passed() ? "passed" : "FAILED: " + Mrkdwn.escape(String.join("; ", r.verification().failures())))
                + (r.verification().rowCounts().isEmpty() ? "" : "; rows before → after: " + Mrkdwn.escape(String.join(", ", r.verification().rowCounts()))))
                .append('\n');
        md.append("*Alerts during monitoring*: ").append(r.alerts().isEmpty() ? "none"
                : "\n• " + r.alerts().stream().map(Mrkdwn::escape).collect(Collectors.joining("\n• "))).append('\n');
        md.append("*Outcome*: ").append(Mrkdwn.escape(r.outcome()));
        return md.toString();
    }

    static String rollbackOptions(long runId, RollbackOptions options) {
        return switch (options.availability()) {
            case NONE_NEEDED -> "Rollback options: none needed — this run left nothing applied.";
            case AVAILABLE -> "Rollback options: `/migrate rollback " + runId + "` — " + Mrkdwn.escape(options.plan());
            case UNKNOWN -> "Rollback options: could not read the target's history (" + Mrkdwn.escape(options.problem()) + ")";
        };
    }

    /**
     * One lint finding, labelled as the card counts it: an error that blocks, a warning, or allowed (with the
     * reason given in the file) — so the thread never shows an ERROR that the card counts as allowed.
     */
    public static String finding(Finding f) {
        String label = f.acknowledged() != null ? "ALLOWED " + f.severity().name().toLowerCase() : f.severity().name();
        return label + " " + Mrkdwn.escape(f.rule()) + " at `" + Mrkdwn.escape(f.location()) + "` — " + Mrkdwn.escape(f.why()) + " Instead: "
                + Mrkdwn.escape(f.fix()) + (f.acknowledged() == null ? "" : " (allowed: " + Mrkdwn.escape(f.acknowledged()) + ")");
    }

    public static String preCheck(PreCheck check) {
        return (check.status() == PreCheck.Status.PASS ? "✅ " : check.status() == PreCheck.Status.WARN ? "⚠️ " : "❌ ")
                + Mrkdwn.escape(check.name()) + ": " + Mrkdwn.escape(check.detail());
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    /** A short interval reads in seconds, a longer one in minutes. */
    private static String roughly(Duration interval) {
        return interval.toSeconds() < 60 ? interval.toSeconds() + " s" : interval.toMinutes() + " min";
    }

    /** A time each reader sees in their own zone; the fallback is UTC. */
    static String time(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{time}|" + UTC_TIME.format(at) + " UTC>";
    }

    static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + ">";
    }
}
