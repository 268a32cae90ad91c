package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.Severity;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RunState;
import dev.migrateops.engine.PreCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The run card: one message per run in the target's incident channel, updated in place. Answers at a
 * glance what is happening, whether it is OK, and what to do next. A pure function of {@link RunCard}.
 */
public final class RunCardView {

    public static final String APPROVE = "run_approve";
    public static final String REJECT = "run_reject";
    public static final String CANCEL = "run_cancel";
    public static final String ROLLBACK = "run_rollback";
    private static final int MAX_TEXT = 2900;

    private RunCardView() {
    }

    public static List<LayoutBlock> blocks(RunCard card) {
        MigrationRun run = card.run();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(headline(card), true))));
        blocks.add(section(s -> s.text(markdownText("Requested by " + Mrkdwn.mention(run.requester().id())
                + (run.reason() == null || run.reason().isBlank() ? "" : " — \"" + Mrkdwn.escape(run.reason()) + "\"")))));
        blocks.add(section(s -> s.fields(fields(card))));
        blocks.add(section(s -> s.text(markdownText(limit(migrations(run))))));
        String activity = run.state().active() && card.now() != null ? LiveReplyView.cardLines(card.now()) : "";
        if (!activity.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(limit(activity))))));
        }
        String problems = problems(card);
        if (!problems.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(limit(problems)))));
        }
        if (run.outcome() != null && !run.state().active()) {
            blocks.add(section(s -> s.text(markdownText(limit(Mrkdwn.escape(run.outcome()))))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(approvalLine(card))))));
        List<BlockElement> buttons = buttons(run, card.rollbackOffered());
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("run_actions_" + run.id()).elements(buttons)));
        }
        return blocks;
    }

    /** The notification text Slack shows where blocks cannot be rendered. */
    public static String fallbackText(RunCard card) {
        return headline(card) + " — run " + card.run().label();
    }

    static String headline(RunCard card) {
        MigrationRun run = card.run();
        int n = run.plan().migrations().size();
        return icon(run.state()) + " " + run.target() + " · " + n + " migration" + (n == 1 ? "" : "s") + " · " + stateWords(card);
    }

    private static String stateWords(RunCard card) {
        RunState state = card.run().state();
        return switch (state) {
            case REQUESTED -> "AWAITING APPROVAL (" + card.approvals().size() + " of " + card.approvalsNeeded() + ")";
            case ROLLBACK_REQUESTED -> "ROLLBACK AWAITING APPROVAL (" + card.approvals().size() + " of " + card.approvalsNeeded() + ")";
            case PRECHECKS -> "PRE-CHECKS";
            case ROLLING_BACK -> "ROLLING BACK";
            case ROLLED_BACK -> "ROLLED BACK";
            default -> state.name();
        };
    }

    static String icon(RunState state) {
        return switch (state) {
            case REQUESTED, ROLLBACK_REQUESTED -> "🟡";
            case APPROVED, PRECHECKS, BACKUP, APPLYING, VERIFYING, MONITORING, ROLLING_BACK -> "🔵";
            case COMPLETED -> "🟢";
            case FAILED, REJECTED, INTERRUPTED, ROLLED_BACK -> "🔴";
            case CANCELLED -> "⚪";
        };
    }

    private static List<TextObject> fields(RunCard card) {
        MigrationRun run = card.run();
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Target:* " + run.target() + " (" + Mrkdwn.escape(run.plan().target()) + ")"));
        fields.add(markdownText("*Run:* " + run.label() + (run.step() == null || !run.state().active() ? "" : " · "
                + Mrkdwn.escape(String.valueOf(run.step())))));
        fields.add(markdownText("*Backup:* " + (card.backup() != null ? "#" + card.backup().id() + " · " + Mrkdwn.escape(card.backup().size())
                + " · " + Mrkdwn.escape(card.backup().restoreCheck()) : card.backupRequired() ? "required, verified by restore"
                : "off (dev target)")));
        fields.add(markdownText("*Window:* " + (card.changeWindow() == null ? "any time" : Mrkdwn.escape(String.valueOf(card.changeWindow())))));
        if (run.plan().commit() != null) {
            fields.add(markdownText("*Commit:* " + Mrkdwn.commit(run.plan().commit())));
        }
        return fields;
    }

    private static String migrations(MigrationRun run) {
        String heading = "*" + migrationsHeading(run) + "*\n";
        if (run.plan().migrations().isEmpty()) {
            return heading + "nothing";
        }
        return heading + run.plan().migrations().stream().map(RunCardView::migrationLine).collect(Collectors.joining("\n"));
    }

    /** What the listed migrations are to the target now: pending, being applied, applied, or what was planned. */
    static String migrationsHeading(MigrationRun run) {
        RunState state = run.state() == RunState.ROLLBACK_REQUESTED || run.state() == RunState.ROLLING_BACK
                ? run.stateBeforeRollback() : run.state();
        if (state == null) {
            return "Planned";
        }
        return switch (state) {
            case REQUESTED, APPROVED, PRECHECKS, BACKUP, REJECTED, CANCELLED -> "Pending";
            case APPLYING -> "Applying";
            case VERIFYING, MONITORING, COMPLETED -> "Applied";
            case ROLLED_BACK -> "Rolled back";
            case FAILED, INTERRUPTED, ROLLBACK_REQUESTED, ROLLING_BACK -> "Planned (see below for what was applied)";
        };
    }

    private static String migrationLine(PlannedMigration m) {
        return "• `" + Mrkdwn.escape(m.version()) + "` " + Mrkdwn.escape(m.name()) + "   " + Mrkdwn.escape(m.mode())
                + " · rollback " + (m.hasDown() ? "✓" : "✗ restore") + (m.hasCheck() ? " · checks ✓" : "")
                + (m.hasVerify() ? " · verify ✓" : "");
    }

    private static String problems(RunCard card) {
        MigrationRun run = card.run();
        List<String> lines = new ArrayList<>();
        if (run.approvalsVoidReason() != null && run.state() == RunState.REQUESTED) {
            lines.add("⚠️ Earlier approvals are void: " + Mrkdwn.escape(run.approvalsVoidReason()));
        }
        run.plan().drift().forEach(d -> lines.add("⛔ Drift: " + Mrkdwn.escape(d)));
        List<Finding> lint = run.plan().lint();
        if (!lint.isEmpty()) {
            // the counts partition the findings the thread lists: each is an error, a warning, or allowed
            List<Finding> blocking = run.plan().blockingLint();
            long warnings = lint.stream().filter(f -> f.severity() == Severity.WARNING && f.acknowledged() == null).count();
            long allowed = lint.stream().filter(f -> f.acknowledged() != null).count();
            Finding first = blocking.isEmpty() ? lint.get(0) : blocking.get(0);
            lines.add((blocking.isEmpty() ? "⚠️ " : "⛔ ") + blocking.size() + " lint error" + (blocking.size() == 1 ? "" : "s") + " · "
                    + warnings + " warning" + (warnings == 1 ? "" : "s") + (allowed == 0 ? "" : " · " + allowed + " allowed inline")
                    + " — " + Mrkdwn.escape(first.rule()) + " at `" + Mrkdwn.escape(first.location()) + "`; all findings in the thread");
        }
        List<PreCheck> preChecks = run.plan().preChecks();
        if (!preChecks.isEmpty() && run.state() == RunState.REQUESTED) {
            long warn = preChecks.stream().filter(c -> c.status() == PreCheck.Status.WARN).count();
            long fail = preChecks.stream().filter(c -> c.status() == PreCheck.Status.FAIL).count();
            String line = "Pre-checks (preview): " + (preChecks.size() - warn - fail) + " pass · " + warn + " warn · " + fail + " fail";
            String first = preChecks.stream().filter(c -> c.status() == PreCheck.Status.FAIL).findFirst()
                    .or(() -> preChecks.stream().filter(c -> c.status() == PreCheck.Status.WARN).findFirst())
                    .map(c -> " — " + RunEventMessages.preCheck(c)).orElse("");
            lines.add((fail > 0 ? "❌ " : warn > 0 ? "⚠️ " : "✅ ") + line + first);
        }
        if (card.lintOverride() != null) {
            lines.add("🛂 Lint errors accepted by " + Mrkdwn.escape(card.lintOverride()));
        }
        run.plan().missingUpstream().forEach(m -> lines.add("⛔ Not ready: " + Mrkdwn.escape(m)));
        run.plan().upstream().forEach(m -> lines.add("✅ Upstream: " + Mrkdwn.escape(m)));
        return String.join("\n", lines);
    }

    private static String approvalLine(RunCard card) {
        MigrationRun run = card.run();
        String given = card.approvals().isEmpty() ? "none yet"
                : card.approvals().stream().map(a -> Mrkdwn.mention(a.approver().id()) + " ✓").collect(Collectors.joining(" · "));
        if (!run.state().equals(RunState.REQUESTED) && !run.state().equals(RunState.ROLLBACK_REQUESTED)) {
            return "Approvals: " + given;
        }
        int missing = Math.max(0, card.approvalsNeeded() - card.approvals().size());
        String from = card.approvers().isEmpty() ? "anyone but the requester"
                : card.approvers().stream().map(Mrkdwn::mention).collect(Collectors.joining(", "));
        return "Approvals: " + given + (missing == 0 ? "" : " · needs " + missing + " more from " + from)
                + " · approvals count for " + Mrkdwn.duration(card.approvalTtl());
    }

    private static List<BlockElement> buttons(MigrationRun run, boolean rollbackOffered) {
        String id = String.valueOf(run.id());
        return switch (run.state()) {
            case REQUESTED, ROLLBACK_REQUESTED -> List.of(
                    button(b -> b.actionId(APPROVE).value(id).style("primary")
                            .text(plainText(run.state() == RunState.REQUESTED ? "Approve" : "Approve rollback"))),
                    button(b -> b.actionId(REJECT).value(id).style("danger").text(plainText("Reject"))),
                    button(b -> b.actionId(CANCEL).value(id).text(plainText("Cancel"))));
            case APPROVED, PRECHECKS, BACKUP -> List.of(button(b -> b.actionId(CANCEL).value(id).text(plainText("Cancel"))));
            case APPLYING -> List.of(button(b -> b.actionId(CANCEL).value(id).style("danger").text(plainText("Cancel"))
                    .confirm(confirm("Cancel while applying?", "The running statement is cancelled and its migration rolls back; "
                            + "migrations already applied stay applied.", "Cancel the run"))));
            case COMPLETED, FAILED, INTERRUPTED -> !rollbackOffered ? List.of() : List.of(button(b -> b.actionId(ROLLBACK).value(id).style("danger")
                    .text(plainText("Rollback"))
                    .confirm(confirm("Ask for a rollback?", "The rollback of run " + run.label() + " needs approval before anything runs.",
                            "Ask for rollback"))));
            default -> List.of();
        };
    }

    private static ConfirmationDialogObject confirm(String title, String text, String yes) {
        return confirmationDialog(c -> c.title(plainText(title)).text(plainText(text)).confirm(plainText(yes))
                .deny(plainText("Keep going")).style("danger"));
    }

    private static String limit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (see the thread)";
    }
}
