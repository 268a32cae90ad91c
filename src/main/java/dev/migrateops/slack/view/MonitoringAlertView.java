package dev.migrateops.slack.view;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.migrateops.run.MigrationRun;
import java.util.List;
import java.util.stream.Collectors;

/** A breach during the monitoring window: who must look, what was seen, and the Rollback button. */
public final class MonitoringAlertView {

    private MonitoringAlertView() {
    }

    public static String text(MigrationRun run, List<String> people, String message) {
        return "🚨 " + people.stream().map(Mrkdwn::mention).collect(Collectors.joining(" ")) + " " + run.target() + " run "
                + run.label() + " while monitoring: " + Mrkdwn.escape(message);
    }

    public static List<LayoutBlock> blocks(MigrationRun run, List<String> people, String message) {
        String id = String.valueOf(run.id());
        return List.of(
                section(s -> s.text(markdownText(text(run, people, message)))),
                actions(a -> a.elements(List.of(button(b -> b.actionId(RunCardView.ROLLBACK).value(id).style("danger")
                        .text(plainText("Rollback"))
                        .confirm(confirmationDialog(c -> c.title(plainText("Ask for a rollback?"))
                                .text(plainText("The rollback of run " + run.label() + " needs approval before anything runs."))
                                .confirm(plainText("Ask for rollback")).deny(plainText("Keep going")).style("danger"))))))));
    }
}
