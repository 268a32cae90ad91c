package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.view.View;

/** The modal that asks an approver why they reject a run. */
public final class RejectModalView {

    public static final String CALLBACK_ID = "reject_reason";
    public static final String BLOCK_ID = "reason";
    public static final String ACTION_ID = "reason_input";

    private RejectModalView() {
    }

    public static View modal(long runId, String target) {
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(String.valueOf(runId))
                .title(viewTitle(t -> t.type("plain_text").text("Reject run #" + runId)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Reject")))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(asBlocks(input(i -> i.blockId(BLOCK_ID)
                        .label(plainText("Why reject this run on " + target + "? The requester will see it."))
                        .element(plainTextInput(p -> p.actionId(ACTION_ID).multiline(true).minLength(3)))))));
    }
}
