package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.SourceCommit;
import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.run.Approval;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCardViewTest {

    private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
    private static final Actor ALICE = new Actor("U0ALICE", "alice");
    private static final Actor BOB = new Actor("U0BOB", "bob");
    private static final RunPlan PLAN = new RunPlan("db-prod-1:5432/app", List.of(
            new PlannedMigration("20251206090000", "product_sales_indexes", "aa", false,
                    "no-tx (CREATE INDEX CONCURRENTLY at line 4)", true, false, true),
            new PlannedMigration("20251206091000", "product_sales_fk", "bb", true, "tx", true, true, true)),
            List.of(), List.of());

    private static MigrationRun run(RunState state, RunPlan plan, String outcome) {
        return new MigrationRun(42, "production", state, ALICE, "add tenant indexes <before> launch", null, plan, "C0PROD",
                "applying", T0, outcome, null, null, null, null, T0, T0, null);
    }

    private static JsonNode render(RunCard card) throws Exception {
        return new ObjectMapper().readTree(BlockJson.of(RunCardView.blocks(card)));
    }

    /** Every piece of text on the card, wherever it is nested. */
    private static List<String> texts(JsonNode node) {
        List<String> found = new java.util.ArrayList<>();
        node.forEach(child -> found.addAll(texts(child)));
        JsonNode text = node.get("text");
        if (text != null && text.isTextual()) {
            found.add(text.asText());
        }
        return found;
    }

    private static List<String> buttons(JsonNode blocks) {
        return blocks.findValuesAsText("action_id");
    }

    @Test
    void aRequestedRunShowsWhatWhoAndTheApproveRejectCancelButtons() throws Exception {
        RunCard card = new RunCard(run(RunState.REQUESTED, PLAN, null), List.of(new Approval(42, Approval.Purpose.APPLY, BOB, T0)),
                2, List.of("U0BOB", "S0DBA"), Duration.ofHours(4), true, "02:00–04:00 Europe/Berlin", null);

        JsonNode blocks = render(card);

        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText())
                .isEqualTo("🟡 production · 2 migrations · AWAITING APPROVAL (1 of 2)");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .isEqualTo("Requested by <@U0ALICE> — \"add tenant indexes &lt;before&gt; launch\"");
        assertThat(blocks.get(2).path("fields").findValuesAsText("text")).containsExactly(
                "*Target:* production (db-prod-1:5432/app)", "*Run:* #42 · applying", "*Backup:* required, verified by restore",
                "*Window:* 02:00–04:00 Europe/Berlin");
        assertThat(blocks.get(3).path("text").path("text").asText()).isEqualTo("*Pending*\n"
                + "• `20251206090000` product_sales_indexes   no-tx (CREATE INDEX CONCURRENTLY at line 4) · rollback ✓ · verify ✓\n"
                + "• `20251206091000` product_sales_fk   tx · rollback ✓ · checks ✓ · verify ✓");
        assertThat(texts(blocks)).contains(
                "Approvals: <@U0BOB> ✓ · needs 1 more from <@U0BOB>, <!subteam^S0DBA> · approvals count for 4 h");
        assertThat(buttons(blocks)).containsExactly("run_approve", "run_reject", "run_cancel");
        assertThat(blocks.findValues("style").stream().map(JsonNode::asText)).containsExactly("primary", "danger");
    }

    @Test
    void driftMissingUpstreamAndVoidedApprovalsAreSpelledOut() throws Exception {
        RunPlan blocked = new RunPlan(PLAN.target(), PLAN.migrations(), List.of("V3 was edited after it was applied"),
                List.of("20251206090000 product_sales_indexes is not applied on staging"));
        MigrationRun run = new MigrationRun(42, "production", RunState.REQUESTED, ALICE, null, null, blocked, "C0PROD",
                null, null, null, "the pending migrations changed (new or edited: 20251206091000)", null, null, null, T0, T0, null);

        String text = texts(render(new RunCard(run, List.of(), 1, List.of(), Duration.ofHours(4), false, null, null))).toString();

        assertThat(text).contains("⚠️ Earlier approvals are void: the pending migrations changed (new or edited: 20251206091000)",
                "⛔ Drift: V3 was edited after it was applied",
                "⛔ Not ready: 20251206090000 product_sales_indexes is not applied on staging",
                "needs 1 more from anyone but the requester", "*Backup:* off (dev target)", "*Window:* any time");
    }

    @Test
    void aRunPinnedToACommitShowsItLinkedWithItsSubjectAndAuthorAndWhereStagingAppliedIt() throws Exception {
        SourceCommit commit = new SourceCommit("3f2c1ab9d0e4c5f6a7b8c9d0e1f2a3b4c5d6e7f8", "Add <tenant> indexes", "Alice Smith",
                T0, "https://github.com/acme/shop");
        RunPlan pinned = new RunPlan(PLAN.target(), PLAN.migrations(), List.of(), List.of(), List.of(), List.of(), commit,
                List.of("20251206090000 applied on staging by run #41 from commit 3f2c1ab"));

        JsonNode blocks = render(new RunCard(run(RunState.REQUESTED, pinned, null), List.of(), 1, List.of(), Duration.ofHours(4),
                true, null, null));

        assertThat(blocks.get(2).path("fields").findValuesAsText("text")).contains("*Commit:* "
                + "<https://github.com/acme/shop/commit/3f2c1ab9d0e4c5f6a7b8c9d0e1f2a3b4c5d6e7f8|`3f2c1ab`> Add &lt;tenant&gt; indexes — Alice Smith");
        assertThat(texts(blocks).toString()).contains("✅ Upstream: 20251206090000 applied on staging by run #41 from commit 3f2c1ab");
    }

    @Test
    void aCommitWithoutAWebPageIsShownUnlinked() throws Exception {
        SourceCommit commit = new SourceCommit("3f2c1ab9d0e4c5f6a7b8c9d0e1f2a3b4c5d6e7f8", "Add indexes", "Alice", T0, null);
        RunPlan pinned = new RunPlan(PLAN.target(), PLAN.migrations(), List.of(), List.of(), List.of(), List.of(), commit, List.of());

        JsonNode blocks = render(new RunCard(run(RunState.REQUESTED, pinned, null), List.of(), 1, List.of(), Duration.ofHours(4),
                true, null, null));

        assertThat(blocks.get(2).path("fields").findValuesAsText("text")).contains("*Commit:* `3f2c1ab` Add indexes — Alice");
    }

    @Test
    void lintFindingsAreCountedWithTheFirstBlockingOneAndAnOverrideIsShown() throws Exception {
        RunPlan linted = new RunPlan(PLAN.target(), PLAN.migrations(), List.of(), List.of(), List.of(
                new dev.migrateops.lint.Finding("create-not-idempotent", dev.migrateops.lint.Severity.WARNING, "a.sql:1", "w", "f", null),
                new dev.migrateops.lint.Finding("index-not-concurrent", dev.migrateops.lint.Severity.ERROR, "a.sql:3", "w", "f", null),
                new dev.migrateops.lint.Finding("rename", dev.migrateops.lint.Severity.ERROR, "b.sql:2", "w", "f", "old name unused"),
                new dev.migrateops.lint.Finding("serial-key", dev.migrateops.lint.Severity.WARNING, "b.sql:4", "w", "f", "legacy")));
        RunCard card = new RunCard(run(RunState.REQUESTED, linted, null), List.of(), 1, List.of(), Duration.ofHours(4), true, null,
                "bob (U0BOB): small table, night window");

        assertThat(texts(render(card)).toString()).contains(
                "⛔ 1 lint error · 1 warning · 2 allowed inline — index-not-concurrent at `a.sql:3`; all findings in the thread",
                "🛂 Lint errors accepted by bob (U0BOB): small table, night window");
    }

    @Test
    void eachStateShowsItsColourWordAndOnlyTheButtonsThatMakeSense() throws Exception {
        assertThat(headline(RunState.APPLYING)).isEqualTo("🔵 production · 2 migrations · APPLYING");
        assertThat(headline(RunState.PRECHECKS)).isEqualTo("🔵 production · 2 migrations · PRE-CHECKS");
        assertThat(headline(RunState.COMPLETED)).isEqualTo("🟢 production · 2 migrations · COMPLETED");
        assertThat(headline(RunState.FAILED)).isEqualTo("🔴 production · 2 migrations · FAILED");
        assertThat(headline(RunState.CANCELLED)).isEqualTo("⚪ production · 2 migrations · CANCELLED");
        assertThat(headline(RunState.ROLLED_BACK)).isEqualTo("🔴 production · 2 migrations · ROLLED BACK");

        assertThat(buttons(render(card(RunState.APPLYING)))).containsExactly("run_cancel");
        assertThat(render(card(RunState.APPLYING)).findValue("confirm")).isNotNull();
        assertThat(buttons(render(card(RunState.FAILED)))).containsExactly("run_rollback");
        assertThat(buttons(render(card(RunState.COMPLETED)))).containsExactly("run_rollback");
        assertThat(buttons(render(card(RunState.ROLLBACK_REQUESTED)))).containsExactly("run_approve", "run_reject", "run_cancel");
        assertThat(buttons(render(card(RunState.CANCELLED)))).isEmpty();
        assertThat(buttons(render(card(RunState.ROLLED_BACK)))).isEmpty();
    }

    @Test
    void aFailedRunShowsWhatFailedAndTheButtonValueIsTheRunId() throws Exception {
        RunCard card = new RunCard(run(RunState.FAILED, PLAN, "❌ Failed at 20251206091000 (x.sql:3): 23503 <fk>"),
                List.of(), 1, List.of(), Duration.ofHours(4), true, null, null);
        JsonNode blocks = render(card);
        assertThat(texts(blocks)).contains("❌ Failed at 20251206091000 (x.sql:3): 23503 &lt;fk&gt;");
        assertThat(blocks.findValuesAsText("value")).containsOnly("42");
    }

    @Test
    void afterTheApplyTheCardListsTheMigrationsAsAppliedWithTheVerifiedBackup() throws Exception {
        BackupArtifact backup = new BackupArtifact(7L, "production", 42L, Path.of("backups/production-run42.dump"), null,
                1_288_490_189L, "9f3c" + "0".repeat(60), Map.of(), Map.of(), T0, T0, "restore check: row counts match (14 tables)", "");
        RunCard card = new RunCard(run(RunState.COMPLETED, PLAN, "completed"), List.of(), 1, List.of(), Duration.ofHours(4), true,
                null, null, true, backup);

        JsonNode blocks = render(card);

        assertThat(blocks.get(3).path("text").path("text").asText()).startsWith("*Applied*\n• `20251206090000`");
        assertThat(blocks.get(2).path("fields").findValuesAsText("text"))
                .contains("*Backup:* #7 · 1.20 GB · restore check: row counts match (14 tables)");
    }

    @Test
    void aFailedRunThatLeftNothingAppliedOffersNoRollback() throws Exception {
        RunCard card = new RunCard(run(RunState.FAILED, PLAN, "Pre-checks failed — nothing was applied"), List.of(), 1, List.of(),
                Duration.ofHours(4), true, null, null, false, null);

        assertThat(buttons(render(card))).isEmpty();
    }

    private static RunCard card(RunState state) {
        return new RunCard(run(state, PLAN, null), List.of(), 1, List.of(), Duration.ofHours(4), true, null, null);
    }

    private static String headline(RunState state) {
        return RunCardView.headline(card(state));
    }
}
