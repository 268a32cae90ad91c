package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.Progress;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunSteps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The thread's live replies — one message per piece of long work and per migration's lock wait, edited in place
 * as it changes — and the card's line of the same. A blocker's reply offers approvers to cancel or terminate it.
 * Pure functions of the events and the running step.
 */
public final class LiveReplyView {

    public static final String CANCEL_BLOCKER = "blocker_cancel";
    public static final String TERMINATE_BLOCKER = "blocker_terminate";
    /** Buttons for the first few blockers; the rest are listed. */
    private static final int MAX_BUTTONS = 5;

    /** One version of a live reply: the key names the message it edits. */
    public record LiveReply(String key, String text, List<LayoutBlock> blocks) {
    }

    /** Which session a blocker button names: its run, pid and start (so a reused pid is never ended). */
    public record BlockerRef(long runId, int pid, Instant backendStart) {

        public String value() {
            return runId + ":" + pid + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, backendStart);
        }

        /** @throws IllegalArgumentException for a value no button of ours carries */
        public static BlockerRef parse(String value) {
            String[] parts = value == null ? new String[0] : value.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a blocker: " + value);
            }
            return new BlockerRef(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
                    Instant.EPOCH.plus(Long.parseLong(parts[2]), ChronoUnit.MICROS));
        }
    }

    private LiveReplyView() {
    }

    /** The live reply an event updates, or empty when it has none. */
    public static Optional<LiveReply> of(RunEvent event) {
        if (event instanceof RunEvent.BlockersSeen seen) {
            return Optional.of(blockers(seen));
        }
        if (event instanceof RunEvent.WorkProgressed progressed) {
            Progress p = progressed.progress();
            String text = progressLine(p);
            return Optional.of(new LiveReply("progress:" + progressed.version() + ":" + p.key(), text,
                    List.of(section(s -> s.text(markdownText(text))))));
        }
        return Optional.empty();
    }

    static LiveReply blockers(RunEvent.BlockersSeen seen) {
        String key = "blockers:" + seen.version();
        long runId = seen.run().id();
        if (seen.cleared()) {
            String text = "✅ " + Mrkdwn.escape(seen.version()) + " waits for no lock any more";
            return new LiveReply(key, text, List.of(section(s -> s.text(markdownText(text)))));
        }
        String heading = "🔒 " + Mrkdwn.escape(seen.version()) + " is waiting for a lock behind "
                + (seen.blockers().size() == 1 ? "this session" : seen.blockers().size() + " sessions")
                + ". It retries with short waits, so live traffic goes on; ask the owner to finish, or an approver can end it.";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(heading))));
        for (int i = 0; i < seen.blockers().size(); i++) {
            Blocker b = seen.blockers().get(i);
            blocks.add(section(s -> s.text(markdownText(code(b.describe())))));
            if (i < MAX_BUTTONS) {
                String value = new BlockerRef(runId, b.pid(), b.backendStart()).value();
                blocks.add(actions(a -> a.blockId("blocker_" + runId + "_" + b.pid()).elements(List.of(
                        button(x -> x.actionId(CANCEL_BLOCKER).text(plainText("Cancel blocker")).value(value)),
                        button(x -> x.actionId(TERMINATE_BLOCKER).text(plainText("Terminate blocker")).style("danger").value(value))))));
            }
        }
        String text = heading + "\n" + seen.blockers().stream().map(b -> "• " + code(b.describe())).collect(Collectors.joining("\n"));
        return new LiveReply(key, text, blocks);
    }

    /** What the card shows of the running step: its long work and whom its migration waits for. */
    static String cardLines(RunSteps.Step now) {
        List<String> lines = new ArrayList<>();
        if (now.progress() != null) {
            lines.add(progressLine(now.progress()));
        }
        if (!now.blockers().isEmpty()) {
            lines.add("🔒 Waiting for a lock behind " + now.blockers().stream().map(b -> code(b.describe()))
                    .collect(Collectors.joining(", ")) + " — see the thread");
        }
        return String.join("\n", lines);
    }

    static String progressLine(Progress p) {
        return (p.finished() ? "✅ " : "⏳ ") + capitalised(Mrkdwn.escape(p.describe()));
    }

    /** As code, so nothing in another session's text becomes markup, a mention or a link. */
    private static String code(String text) {
        return "`" + Mrkdwn.escape(text.replace('`', '\'')) + "`";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
