package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;

/** The second confirmation of a rollback by restore: the approver types the target's name. */
public final class RestoreModalView {

    public static final String CALLBACK_ID = "restore_confirm";
    public static final String BLOCK_ID = "target_name";
    public static final String ACTION_ID = "target_name_input";

    private RestoreModalView() {
    }

    public static View modal(long runId, String target) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(String.valueOf(runId))
                .title(viewTitle(t -> t.type("plain_text").text("Restore " + clip(target))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Restore")))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(asBlocks(
                        section(s -> s.text(markdownText("Approving rolls back run #" + runId + " by *restoring its backup* into *"
                                + Mrkdwn.escape(target) + "*. What was written since the backup is lost (see the run's thread)."))),
                        input(i -> i.blockId(BLOCK_ID).label(plainText("Type " + target + " to confirm"))
                                .element(plainTextInput(p -> p.actionId(ACTION_ID)))))));
    }

    /** Modal titles hold at most 24 characters. */
    private static String clip(String target) {
        return target.length() <= 16 ? target : target.substring(0, 15) + "…";
    }
}
