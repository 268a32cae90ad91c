package dev.migrateops.slack.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MigrateCommandParserTest {

    private final MigrateCommandParser parser = new MigrateCommandParser(Set.of("staging", "production"));

    @Test
    void applyTakesATargetAnOptionalVersionAndTheRestAsTheReason() {
        MigrateCommand command = parser.parse("apply production --to 0020251206091000 add tenant indexes");
        assertThat(command.verb()).isEqualTo(MigrateCommand.Verb.APPLY);
        assertThat(command.target()).contains("production");
        assertThat(command.toVersion()).contains("20251206091000");
        assertThat(command.reason()).contains("add tenant indexes");
        assertThat(parser.parse("  apply   staging ").reason()).isEmpty();
    }

    @Test
    void planAndApplyTakeAGitRefBeforeOrAfterTheVersionButNeverOneThatIsNotARefName() {
        assertThat(parser.parse("plan production --ref release/2026-12").ref()).contains("release/2026-12");
        MigrateCommand apply = parser.parse("apply production --to 20251206091000 --ref=3f2c1ab the reviewed commit");
        assertThat(apply.ref()).contains("3f2c1ab");
        assertThat(apply.toVersion()).contains("20251206091000");
        assertThat(apply.reason()).contains("the reviewed commit");
        assertThat(parser.parse("apply production --ref v1.4 --to 20251206091000").toVersion()).contains("20251206091000");
        assertThat(parser.parse("apply staging").ref()).isEmpty();
        assertThatThrownBy(() -> parser.parse("plan staging --ref")).hasMessageContaining("`--ref` needs a branch, tag or commit");
        assertThatThrownBy(() -> parser.parse("plan staging --ref main;rm")).hasMessageContaining("is not a branch, tag or commit name");
        assertThatThrownBy(() -> parser.parse("plan staging --ref -upload-pack=x")).hasMessageContaining("is not a branch, tag or commit name");
        assertThatThrownBy(() -> parser.parse("plan staging --ref a..b")).hasMessageContaining("is not a branch, tag or commit name");
    }

    @Test
    void runIdsAreNumbersWithOrWithoutAHash() {
        assertThat(parser.parse("cancel #42").runId()).contains(42L);
        assertThat(parser.parse("rollback 7 broke the checkout").reason()).contains("broke the checkout");
        assertThat(parser.parse("rollback 7 broke the checkout").restore()).isFalse();
        assertThat(parser.parse("rollback 7 --restore data is wrong")).satisfies(c -> {
            assertThat(c.restore()).isTrue();
            assertThat(c.reason()).contains("data is wrong");
        });
        assertThat(parser.parse("status").runId()).isEmpty();
        assertThatThrownBy(() -> parser.parse("audit 1;DROP TABLE runs")).hasMessageContaining("is not a run number");
        assertThatThrownBy(() -> parser.parse("cancel")).hasMessageContaining("needs a run number");
    }

    @Test
    void targetsComeFromConfigurationOnly() {
        assertThatThrownBy(() -> parser.parse("plan prod")).isInstanceOf(CommandSyntaxException.class)
                .hasMessage("I don't know the target `prod`. Targets: `production`, `staging`");
        assertThatThrownBy(() -> parser.parse("apply")).hasMessageContaining("needs a target. Targets: `production`, `staging`");
        assertThat(parser.parse("history").target()).isEqualTo(Optional.empty());
    }

    @Test
    void unknownVerbsExtraWordsAndBadVersionsAreRefusedWithWhatExists() {
        assertThatThrownBy(() -> parser.parse("deploy staging")).hasMessageContaining("`help`, `targets`, `plan`, `apply`");
        assertThatThrownBy(() -> parser.parse("targets please")).hasMessageContaining("does not take `please`");
        assertThatThrownBy(() -> parser.parse("plan staging --to latest")).hasMessageContaining("`latest` is not a version");
        assertThat(parser.parse("").verb()).isEqualTo(MigrateCommand.Verb.HELP);
        assertThat(parser.parse("HELP").verb()).isEqualTo(MigrateCommand.Verb.HELP);
    }

    @Test
    void anOptionIsNeverFoldedIntoTheReasonAndTheEqualsFormIsRead() {
        assertThat(parser.parse("apply staging --to=20251206091000 indexes").toVersion()).contains("20251206091000");
        assertThatThrownBy(() -> parser.parse("apply staging --force")).hasMessageContaining("I don't know the option `--force`");
        assertThatThrownBy(() -> parser.parse("apply staging add indexes --to 20251206091000"))
                .hasMessageContaining("I don't know the option `--to`");
        assertThatThrownBy(() -> parser.parse("rollback 7 --force now")).hasMessageContaining("the option `--force`");
    }

    @Test
    void controlCharactersAndBidirectionalOverridesAreRefused() {
        assertThatThrownBy(() -> parser.parse("apply staging looks fine\u0007")).hasMessageContaining("control character (U+0007)");
        assertThatThrownBy(() -> parser.parse("apply staging \u202Eevil")).hasMessageContaining("U+202E");
        assertThat(parser.parse("apply staging two\nlines").reason()).contains("two lines");
    }

    /**
     * Random commands built from the words, options and characters people and attackers type: each is either a
     * command or refused with a sentence for the person — never another exception, and no refusal names a class.
     */
    @Test
    void anyTextIsEitherACommandOrARefusalInWords() {
        String[] pieces = {"apply", "plan", "status", "cancel", "rollback", "audit", "staging", "production", "nowhere", "--to",
                "--to=", "--restore", "--force", "-", "--", "#", "#42", "42", "-1", "0", "99999999999999999999", "20251206091000",
                "abc", "\u0000", "\u0007", "\u202e", "\u200b", "é", "😀", "\"", "'", "`", "<@U1>", "<!channel>", "\n", "\t", " ", ""};
        Random random = new Random(20261203);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            String typed = text.toString();
            try {
                MigrateCommand command = parser.parse(typed);
                assertThat(command.verb()).as(typed).isNotNull();
                assertThat(command.reason().orElse("")).as(typed).doesNotContainPattern("[\\p{Cc}&&[^\\n\\t]]|\u202e");
            } catch (CommandSyntaxException refused) {
                assertThat(refused.getMessage()).as(typed).isNotBlank().doesNotContain("Exception", "java.", "null");
            }
        }
    }
}
