package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.audit.Actor;
import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.Progress;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveReplyViewTest {

    private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
    private static final Instant REPORT_STARTED = Instant.parse("2026-11-21T01:45:12.345678Z");
    private static final Blocker REPORT = new Blocker(4242, "report", "nightly-report", "10.0.0.7", "idle in transaction",
            Duration.ofSeconds(252), "SELECT * FROM sales WHERE note <> '…' -- <@U0BOSS> `x`", REPORT_STARTED);
    private static final MigrationRun RUN = run(RunState.APPLYING);

    private static MigrationRun run(RunState state) {
        return new MigrationRun(42, "production", state, new Actor("U0ALICE", "alice"), null, null,
                new RunPlan("db", List.of(), List.of(), List.of(), List.of()), "C0PROD", null, T0, null, null, null, null, null, T0, T0,
                null);
    }

    @Test
    void theSessionsAMigrationWaitsForAreOneReplyAsCodeWithButtonsThatNameTheVerySession() {
        LiveReplyView.LiveReply reply = LiveReplyView.of(new RunEvent.BlockersSeen(RUN, "20251206090000", List.of(REPORT))).orElseThrow();

        assertThat(reply.key()).isEqualTo("blockers:20251206090000");
        assertThat(reply.text()).contains("🔒 20251206090000 is waiting for a lock behind this session",
                "• `pid 4242 (report, nightly-report from 10.0.0.7, idle in transaction for 4 min 12 s): SELECT * FROM sales"
                        + " WHERE note &lt;&gt; '…' -- &lt;@U0BOSS&gt; 'x'`");
        String blocks = BlockJson.of(reply.blocks());
        assertThat(blocks).contains("\"action_id\":\"blocker_cancel\"", "\"action_id\":\"blocker_terminate\"", "\"style\":\"danger\"",
                "\"value\":\"42:4242:" + (REPORT_STARTED.getEpochSecond() * 1_000_000 + 345_678) + "\"");
    }

    @Test
    void onceNothingBlocksTheSameReplySaysSoAndOffersNoButtons() {
        LiveReplyView.LiveReply reply = LiveReplyView.of(new RunEvent.BlockersSeen(RUN, "20251206090000", List.of())).orElseThrow();

        assertThat(reply.key()).isEqualTo("blockers:20251206090000");
        assertThat(reply.text()).isEqualTo("✅ 20251206090000 waits for no lock any more");
        assertThat(BlockJson.of(reply.blocks())).doesNotContain("blocker_cancel", "blocker_terminate");
    }

    @Test
    void aButtonsValueNamesTheRunThePidAndTheSessionsStartToTheMicrosecond() {
        LiveReplyView.BlockerRef ref = new LiveReplyView.BlockerRef(42, 4242, REPORT_STARTED);

        assertThat(LiveReplyView.BlockerRef.parse(ref.value())).isEqualTo(ref);
        assertThatThrownBy(() -> LiveReplyView.BlockerRef.parse("42")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EndBlockerModalView.Submitted.parse(ref.value() + ":TERMINATE"))
                .isEqualTo(new EndBlockerModalView.Submitted(dev.migrateops.run.RunBlockers.Ending.TERMINATE, ref));
    }

    @Test
    void anIndexBuildIsOneReplyPerIndexEditedAsItGoesAndTheCardShowsTheSameLine() {
        Progress building = new Progress(Progress.Work.INDEX_BUILD, "sales_tenant_idx", "building index: scanning table", 3, 6,
                1_400_000, 2_300_000, Progress.Unit.BLOCKS, 18L << 30, Duration.ofSeconds(75), Duration.ofSeconds(40), false);

        LiveReplyView.LiveReply reply = LiveReplyView.of(new RunEvent.WorkProgressed(RUN, "20251206090000", building)).orElseThrow();
        LiveReplyView.LiveReply done = LiveReplyView.of(new RunEvent.WorkProgressed(RUN, "20251206090000",
                building.finishedAfter(Duration.ofSeconds(150)))).orElseThrow();

        assertThat(reply.text()).isEqualTo("⏳ Building index sales_tenant_idx — phase 3 of 6 (building index: scanning table),"
                + " 60% (1.4 M of 2.3 M blocks), about 40 s left in this phase");
        assertThat(done.key()).isEqualTo(reply.key()).isEqualTo("progress:20251206090000:index_build:sales_tenant_idx");
        assertThat(done.text()).isEqualTo("✅ Built index sales_tenant_idx in 2 min 30 s");
        assertThat(LiveReplyView.cardLines(new RunSteps.Step("applying", T0, null, null, building, List.of(REPORT))))
                .startsWith("⏳ Building index sales_tenant_idx — phase 3 of 6")
                .contains("\n🔒 Waiting for a lock behind `pid 4242 (report");
    }

    @Test
    void theCardShowsTheActivityOfTheRunningStepOnly() {
        Progress statement = new Progress(Progress.Work.LONG_STATEMENT, "ALTER TABLE sales VALIDATE CONSTRAINT sales_fk", "", 0, 0,
                0, 0, Progress.Unit.NONE, 340L << 20, Duration.ofSeconds(72), null, false);
        RunCard card = new RunCard(RUN, List.of(), 1, List.of(), Duration.ofHours(4), false, null, null, true, null,
                new RunSteps.Step("applying", T0, null, null, statement, List.of()));
        RunCard done = new RunCard(run(RunState.COMPLETED), List.of(), 1, List.of(), Duration.ofHours(4), false, null, null,
                true, null, new RunSteps.Step("applying", T0, null, null, statement, List.of()));

        assertThat(BlockJson.of(RunCardView.blocks(card)))
                .contains("⏳ Running ALTER TABLE sales VALIDATE CONSTRAINT sales_fk for 1 min 12 s on a 340 MB table");
        assertThat(BlockJson.of(RunCardView.blocks(done))).doesNotContain("VALIDATE CONSTRAINT sales_fk for");
    }
}
