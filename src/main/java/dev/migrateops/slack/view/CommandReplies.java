package dev.migrateops.slack.view;

import dev.migrateops.audit.AuditEvent;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.Verification;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.TargetHistory;
import dev.migrateops.run.RunRefusedException;
import dev.migrateops.policy.Action;
import dev.migrateops.text.Plural;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The ephemeral answers to {@code /migrate} sub-commands, as mrkdwn text. Pure functions. */
public final class CommandReplies {

    private CommandReplies() {
    }

    public static String help() {
        // the placeholders' angle brackets are text, not Slack markup
        return Mrkdwn.escape("""
                *MigrateOps* — PostgreSQL migrations, approved and watched here.
                • `/migrate targets` — the databases I can change
                • `/migrate plan <target> [--to <version>] [--ref <branch|tag|sha>]` — what is pending there
                • `/migrate apply <target> [--to <version>] [--ref <branch|tag|sha>] [reason…]` — request a run; approvers get a card
                • `/migrate status [run]` — recent runs, or one run
                • `/migrate history [target]` — what was applied where
                • `/migrate cancel <run>` — stop a run (during apply: the running migration rolls back)
                • `/migrate close <run>` — end a run's monitoring window early
                • `/migrate rollback <run> [--restore] [reason…]` — ask for a rollback (needs approval); `--restore`
                  restores the run's backup instead of running the down scripts
                • `/migrate audit <run>` — every recorded step of a run
                • `/migrate report <run>` — the completion report of a closed run
                • `/migrate override <run> <reason…>` — as an approver, accept a run's lint errors
                • `/migrate backup <target>` — take a verified backup now (no approval needed; approvers by default)
                • `/migrate backups <target>` — the backups kept for a target
                • `/migrate policy <target>` — who may do what there""");
    }

    /** One line per target: name, where it points (host/db only), its policy. */
    public static String targets(Map<String, String> linesByTarget) {
        if (linesByTarget.isEmpty()) {
            return "No targets are configured.";
        }
        return "*Targets*\n" + linesByTarget.entrySet().stream().map(e -> "• `" + e.getKey() + "` " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    public static String plan(String target, RunPlan plan) {
        StringBuilder text = new StringBuilder("*Plan for " + target + "* (" + Mrkdwn.escape(plan.target()) + ")\n");
        if (plan.commit() != null) {
            text.append("Commit ").append(Mrkdwn.commit(plan.commit())).append('\n');
        }
        if (plan.migrations().isEmpty()) {
            text.append("Nothing pending: ").append(target).append(" is up to date.\n");
        }
        for (PlannedMigration m : plan.migrations()) {
            text.append("• `").append(Mrkdwn.escape(m.version())).append("` ").append(Mrkdwn.escape(m.name())).append("   ")
                    .append(Mrkdwn.escape(m.mode())).append(" · rollback ").append(m.hasDown() ? "✓" : "✗ restore")
                    .append(m.hasCheck() ? " · checks ✓" : "").append(m.hasVerify() ? " · verify ✓" : "").append('\n');
        }
        plan.drift().forEach(d -> text.append("⛔ Drift: ").append(Mrkdwn.escape(d)).append('\n'));
        plan.missingUpstream().forEach(m -> text.append("⛔ Not ready: ").append(Mrkdwn.escape(m)).append('\n'));
        plan.upstream().forEach(m -> text.append("✅ Upstream: ").append(Mrkdwn.escape(m)).append('\n'));
        plan.lint().forEach(f -> text.append(f.blocking() ? "⛔ " : f.acknowledged() != null ? "✅ " : "⚠️ ")
                .append(RunEventMessages.finding(f)).append('\n'));
        plan.preChecks().forEach(c -> text.append(RunEventMessages.preCheck(c)).append('\n'));
        if (!plan.migrations().isEmpty()) {
            text.append("Request it with `/migrate apply ").append(target).append(" &lt;reason&gt;`.");
        }
        return text.toString().strip();
    }

    /** Who may do what on a target: one line per action, people and groups as mentions. */
    public static String policy(String target, Map<Action, String> whoMay) {
        return "*Policy of " + target + "*\n" + whoMay.entrySet().stream()
                .map(e -> "• " + e.getKey().description() + ": " + mentions(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** Slack user and group ids in a line of the policy as mentions; the rest as text. */
    private static String mentions(String line) {
        return java.util.regex.Pattern.compile("\\b[US][A-Z0-9]{2,}\\b").matcher(Mrkdwn.escape(line))
                .replaceAll(id -> Mrkdwn.mention(id.group()));
    }

    /** A refusal, for the person who asked only: why, and what to do instead. */
    public static String refusal(RunRefusedException e) {
        if (e.remedy() == RunRefusedException.Remedy.UP_TO_DATE) {
            return "✅ " + Mrkdwn.escape(e.getMessage());
        }
        String instead = switch (e.remedy()) {
            case NONE, UP_TO_DATE -> "";
            case OVERRIDE_LINT -> "\nAn approver accepts them with `/migrate override " + e.runId() + " <reason>`.";
            case CANCEL_ACTIVE_RUN -> "\nCancel it with `/migrate cancel " + e.runId() + "`.";
            case ASK_APPROVERS, WAIVE_APPROVALS -> "\nAsk " + (e.whoCan().isEmpty() ? "an approver"
                    : e.whoCan().stream().map(Mrkdwn::mention).collect(Collectors.joining(", "))) + ".";
        };
        return "🚫 " + Mrkdwn.escape(e.getMessage()) + instead;
    }

    /** After an override: the lint errors no longer block, but approvals wait for whatever else still does. */
    public static String overridden(MigrationRun run) {
        List<String> waiting = new java.util.ArrayList<>(run.plan().drift());
        waiting.addAll(run.plan().missingUpstream());
        return "Lint errors of run " + run.label() + " accepted; " + (waiting.isEmpty() ? "approvals can proceed."
                : "approvals still wait for: " + Mrkdwn.escape(String.join("; ", waiting)) + ".");
    }

    public static String runs(List<MigrationRun> runs) {
        if (runs.isEmpty()) {
            return "No runs yet. Start one with `/migrate apply &lt;target&gt; &lt;reason&gt;`.";
        }
        return "*Recent runs*\n" + runs.stream().map(CommandReplies::runLine).collect(Collectors.joining("\n"));
    }

    public static String run(MigrationRun run) {
        return runLine(run) + (run.outcome() == null ? "" : "\n" + Mrkdwn.escape(run.outcome()));
    }

    private static String runLine(MigrationRun run) {
        return "• " + RunCardView.icon(run.state()) + " " + run.label() + " " + run.target() + " · " + run.state()
                + (run.step() == null || !run.state().active() ? "" : " (" + Mrkdwn.escape(String.valueOf(run.step())) + ")")
                + " · " + Plural.of(run.plan().migrations().size(), "migration") + " · requested by " + Mrkdwn.mention(run.requester().id());
    }

    public static String history(String target, TargetHistory.View history) {
        if (history.isEmpty()) {
            return target + " has no migration history yet.";
        }
        String applied = history.applied().stream().map(r -> "• `" + Mrkdwn.escape(r.version()) + "` " + Mrkdwn.escape(r.name()) + " · "
                + (r.success() ? "applied" : "FAILED part-way") + " by " + Mrkdwn.escape(r.appliedBy())
                + (r.runId() == null ? "" : " in run #" + Mrkdwn.escape(String.valueOf(r.runId()))) + " · " + r.executionMs() + " ms")
                .collect(Collectors.joining("\n"));
        String rolledBack = history.rolledBack().stream().map(r -> "• `" + Mrkdwn.escape(r.version()) + "` " + Mrkdwn.escape(r.name())
                + " · applied in run #" + r.runId() + ", rolled back " + RunEventMessages.date(r.at()) + " · " + Mrkdwn.escape(r.how()))
                .collect(Collectors.joining("\n"));
        return "*History of " + target + "*\n" + (applied.isEmpty() ? "Nothing applied now." : applied)
                + (rolledBack.isEmpty() ? "" : "\n*Rolled back*\n" + rolledBack);
    }

    public static String backup(String target, BackupArtifact backup, Verification verification, List<BackupArtifact> retired) {
        return (verification.passed() ? "💾 Backup #" : "❌ Backup #") + backup.id() + " of " + target + ": " + Mrkdwn.escape(backup.size()
                + ", sha256 " + backup.sha256().substring(0, Math.min(12, backup.sha256().length())) + "…, "
                + (verification.passed() ? verification.summary() : "verification failed: " + String.join("; ", verification.failures())))
                + String.format(" — %.1f s", verification.took().toMillis() / 1000.0)
                + (retired.isEmpty() ? "" : "\nRetention deleted " + Plural.of(retired.size(), "older backup") + ".");
    }

    public static String backups(String target, List<BackupArtifact> backups) {
        if (backups.isEmpty()) {
            return "No backups of " + target + " are kept. Take one with `/migrate backup " + target + "`.";
        }
        return "*Backups of " + target + "*\n" + backups.stream().map(b -> "• #" + b.id() + " " + RunEventMessages.date(b.createdAt()) + " · "
                + Mrkdwn.escape(b.size() + " · sha256 `" + b.sha256().substring(0, Math.min(12, b.sha256().length())) + "`") + " · " + (b.verifiedAt() == null ? "not verified" : Mrkdwn.escape(b.restoreCheck()))
                + (b.runId() == null ? " · ad hoc" : " · run #" + b.runId())).collect(Collectors.joining("\n"));
    }

    public static String audit(long runId, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return "No audit events for run #" + runId + ".";
        }
        String lines = events.stream().map(e -> "• " + RunEventMessages.date(e.at()) + " " + Mrkdwn.escape(e.actor().name()) + " — `" + Mrkdwn.escape(e.action()) + "` "
                + Mrkdwn.escape(e.details())).collect(Collectors.joining("\n"));
        return "*Audit of run #" + runId + "*\n" + (lines.length() > 2800 ? lines.substring(0, 2800) + "\n…" : lines);
    }
}
