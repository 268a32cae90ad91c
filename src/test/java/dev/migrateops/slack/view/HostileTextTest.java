package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlan;
import dev.migrateops.support.HostileValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text from files, SQL, git and the database reaches Slack as text, never as markup: every renderer, fed hostile
 * strings in every field an attacker controls, writes no mention, broadcast, channel, link or date of theirs.
 */
class HostileTextTest {

    /** The hostile text, and the same 40 times over (about 10 kB): long enough to be cut somewhere. */
    static List<String> texts() {
        return List.of(HostileValues.TEXT, HostileValues.TEXT.repeat(40));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void noRunEventMessageCarriesMarkupFromItsData(String text) {
        HostileValues hostile = HostileValues.with(text);
        List<String> rendered = new ArrayList<>();
        for (Class<?> type : RunEvent.class.getPermittedSubclasses()) {
            RunEvent event = (RunEvent) hostile.of(type);
            RunEventMessages.of(event).ifPresent(m -> rendered.add(type.getSimpleName() + ": " + m.text()));
            LiveReplyView.of(event).ifPresent(r -> rendered.add(type.getSimpleName() + " live: " + r.text() + BlockJson.of(r.blocks())));
        }
        assertNoHostileMarkup(rendered);
    }

    @ParameterizedTest
    @MethodSource("texts")
    void noCardStatusUpdateOrReplyCarriesMarkupFromItsData(String text) {
        HostileValues hostile = HostileValues.with(text);
        MigrationRun run = hostile.of(MigrationRun.class);
        RunCard card = hostile.of(RunCard.class);
        List<String> rendered = new ArrayList<>(List.of(
                BlockJson.of(RunCardView.blocks(card)), RunCardView.fallbackText(card),
                StatusUpdateView.text(run, hostile.of(dev.migrateops.run.StatusSnapshot.class)),
                MonitoringAlertView.text(run, List.of("U0BOB"), HostileValues.TEXT),
                BlockJson.of(MonitoringAlertView.blocks(run, List.of("U0BOB"), HostileValues.TEXT)),
                CommandReplies.plan("production", hostile.of(RunPlan.class)),
                CommandReplies.run(run), CommandReplies.runs(List.of(run)), CommandReplies.overridden(run),
                CommandReplies.history("production", new dev.migrateops.run.TargetHistory.View(
                        List.of(hostile.of(dev.migrateops.engine.AppliedMigration.class)),
                        List.of(hostile.of(dev.migrateops.run.TargetHistory.RolledBack.class)))),
                CommandReplies.backup("production", hostile.of(dev.migrateops.backup.BackupArtifact.class),
                        hostile.of(dev.migrateops.backup.Verification.class), List.of(hostile.of(dev.migrateops.backup.BackupArtifact.class))),
                CommandReplies.backups("production", List.of(hostile.of(dev.migrateops.backup.BackupArtifact.class))),
                CommandReplies.audit(42, List.of(hostile.of(dev.migrateops.audit.AuditEvent.class))),
                CommandReplies.refusal(new dev.migrateops.run.RunRefusedException(HostileValues.TEXT)),
                RunEventMessages.report(hostile.of(dev.migrateops.run.CompletionReport.class)),
                BreakGlassView.text(42, text, text, false, text),
                BlockJson.of(EndBlockerModalView.modal(dev.migrateops.run.RunBlockers.Ending.TERMINATE,
                        new LiveReplyView.BlockerRef(42, 4242, java.time.Instant.EPOCH), hostile.of(dev.migrateops.engine.Blocker.class)))));
        assertNoHostileMarkup(rendered);
    }

    private static void assertNoHostileMarkup(List<String> rendered) {
        List<String> leaks = new ArrayList<>();
        for (String text : rendered) {
            // block JSON escapes < and > as \u003c / \u003e, or not at all: read both
            String plain = text.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
            Arrays.stream(HostileValues.MARKUP.toArray(String[]::new)).filter(plain::contains).findFirst()
                    .ifPresent(markup -> leaks.add(markup + " in …" + plain.substring(Math.max(0, plain.indexOf(markup) - 400),
                            plain.indexOf(markup)) + "…"));
        }
        assertThat(leaks).isEmpty();
    }
}
