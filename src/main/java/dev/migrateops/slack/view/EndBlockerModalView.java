package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;
import dev.migrateops.engine.Blocker;
import dev.migrateops.run.RunBlockers;

/** The dialog that asks an approver to confirm ending a session that blocks a migration, saying what that does. */
public final class EndBlockerModalView {

    public static final String CALLBACK_ID = "blocker_end";

    private EndBlockerModalView() {
    }

    public static View modal(RunBlockers.Ending how, LiveReplyView.BlockerRef ref, Blocker blocker) {
        boolean terminate = how == RunBlockers.Ending.TERMINATE;
        String consequence = terminate
                ? "The session is ended: its open transaction is *rolled back*, and its client sees a lost connection."
                : "Its running statement is cancelled; the session stays connected. A session idle in a transaction keeps"
                + " its locks after a cancel — terminate it instead.";
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(ref.value() + ":" + how.name())
                .title(viewTitle(t -> t.type("plain_text").text(terminate ? "Terminate blocker" : "Cancel blocker")))
                .submit(viewSubmit(s -> s.type("plain_text").text(terminate ? "Terminate" : "Cancel statement")))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(asBlocks(
                        section(s -> s.text(markdownText((terminate ? "Terminate" : "Cancel the statement of") + " pid "
                                + blocker.pid() + " for run #" + ref.runId() + "?\n`"
                                + Mrkdwn.escape(blocker.describe().replace('`', '\'')) + "`"))),
                        section(s -> s.text(markdownText(consequence + " This is recorded in the audit trail with your name."))))));
    }

    /** What a submission's private metadata names: how, and which session. */
    public record Submitted(RunBlockers.Ending how, LiveReplyView.BlockerRef ref) {

        /** @throws IllegalArgumentException for metadata no dialog of ours carries */
        public static Submitted parse(String metadata) {
            int how = metadata == null ? -1 : metadata.lastIndexOf(':');
            if (how < 0) {
                throw new IllegalArgumentException("not a blocker dialog: " + metadata);
            }
            return new Submitted(RunBlockers.Ending.valueOf(metadata.substring(how + 1)),
                    LiveReplyView.BlockerRef.parse(metadata.substring(0, how)));
        }
    }
}
