package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.engine.Blocker;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.Severity;
import dev.migrateops.run.Failure;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RollbackOptions;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEventMessagesTest {

    private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");
    private static final Actor ALICE = new Actor("U0ALICE", "alice");
    private static final Actor BOB = new Actor("U0BOB", "bob");
    private static final RunPlan ONE = new RunPlan("db", List.of(
            new PlannedMigration("20251206090000", "product_sales_indexes", "aa", false, "no-tx", true, false, true)),
            List.of(), List.of(), List.of(
                    new Finding("unique-without-index", Severity.ERROR, "fk.sql:5", "blocks writes.", "build it first.", "small table"),
                    new Finding("create-not-idempotent", Severity.WARNING, "fk.sql:1", "fails twice.", "IF NOT EXISTS.", null)));

    private static MigrationRun run(RunState state) {
        return new MigrationRun(42, "production", state, ALICE, null, null, ONE, "C0PROD", null, T0, null, null, null, null, null,
                T0, T0, null);
    }

    private static RunEventMessages.Message message(RunEvent event) {
        return RunEventMessages.of(event).orElseThrow();
    }

    @Test
    void anEndedBlockerIsToldInTheThreadWithWhoEndedItAndWhatItWas() {
        Blocker report = new Blocker(4242, "report", "nightly-report", "10.0.0.7", "idle in transaction", Duration.ofSeconds(252),
                "SELECT * FROM sales -- <@U0BOSS>", T0);

        RunEventMessages.Message message = message(new RunEvent.BlockerEnded(run(RunState.APPLYING), BOB, report, true));

        assertThat(message.placement()).isEqualTo(RunEventMessages.Placement.THREAD);
        assertThat(message.text()).isEqualTo("🛑 <@U0BOB> terminated blocking session `pid 4242 (report, nightly-report from 10.0.0.7,"
                + " idle in transaction for 4 min 12 s): SELECT * FROM sales -- &lt;@U0BOSS&gt;`; its open transaction was rolled back");
    }

    @Test
    void theBackupMessageGivesTheRowsTheRestoreCheckFoundTheFirstDozenByName() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        counts.put("public.product_sales", 10000L);
        counts.put("public.\"CashDrawer\"", 3L);
        assertThat(RunEventMessages.verifiedRows(counts))
                .isEqualTo("\nRows in the restored copy: public.\"CashDrawer\" 3 · public.product_sales 10,000");
        for (int i = 0; i < 20; i++) {
            counts.put("public.t" + (100 + i), (long) i);
        }
        assertThat(RunEventMessages.verifiedRows(counts)).endsWith(" · and 10 more tables");
        assertThat(RunEventMessages.verifiedRows(java.util.Map.of())).isEmpty();
    }

    @Test
    void aFailureBeforeAnythingWasAppliedAlertsThePeopleAndSaysNoRollbackIsNeeded() {
        RunEventMessages.Message failed = message(new RunEvent.Failed(run(RunState.FAILED),
                new Failure(Failure.Kind.PRECHECKS, "Pre-checks failed — nothing was applied", List.of("fk.check.sql:2 returned 1 row")),
                RollbackOptions.noneNeeded()));

        assertThat(failed.placement()).isEqualTo(RunEventMessages.Placement.ALERT);
        assertThat(failed.text()).isEqualTo("""
                ❌ Pre-checks failed — nothing was applied:
                • fk.check.sql:2 returned 1 row
                Rollback options: none needed — this run left nothing applied.""");
    }

    @Test
    void aWindowThatEndedAfterAlertsIsNotCelebrated() {
        String text = message(new RunEvent.Completed(run(RunState.COMPLETED), RunEvent.Completion.WINDOW_ENDED, Optional.empty(),
                List.of("seq-scans:public.product_sales"))).text();

        assertThat(text).isEqualTo("✅ Completed: the monitoring window ended after alerts on seq-scans:public.product_sales")
                .doesNotContain("🎉");
    }

    @Test
    void lintFindingsInTheThreadAreLabelledAsTheCardCountsThem() {
        String text = message(new RunEvent.Requested(run(RunState.REQUESTED))).text();

        assertThat(text).startsWith("🔎 Lint: 2 findings\n")
                .contains("• ALLOWED error unique-without-index at `fk.sql:5`", "(allowed: small table)")
                .contains("• WARNING create-not-idempotent at `fk.sql:1`");
    }

    @Test
    void timesAreSlackDateTokensAndLockWaitsAreToldOnceInTen() {
        String watching = message(new RunEvent.MonitoringStarted(run(RunState.MONITORING), T0.plus(Duration.ofHours(2)),
                Duration.ofMinutes(5))).text();
        assertThat(watching).contains("until <!date^1795233600^{time}|04:00 UTC> (probes every 5 min)");

        assertThat(RunEventMessages.of(new RunEvent.LockRetry(run(RunState.APPLYING), "20251206090000", 1, Duration.ZERO)))
                .hasValueSatisfying(m -> assertThat(m.text()).contains("lock_timeout hit once"));
        assertThat(RunEventMessages.of(new RunEvent.LockRetry(run(RunState.APPLYING), "20251206090000", 2, Duration.ZERO))).isEmpty();
        assertThat(RunEventMessages.of(new RunEvent.LockRetry(run(RunState.APPLYING), "20251206090000", 10, Duration.ZERO)))
                .hasValueSatisfying(m -> assertThat(m.text()).contains("lock_timeout hit 10 times"));
    }

    @Test
    void aTakeOverSaysWhetherTheMigrationItStoppedInRolledBackOrRunsAgain() {
        PlannedMigration index = ONE.migrations().get(0);
        PlannedMigration inOneTransaction = new PlannedMigration("20251206091000", "product_sales_fk", "bb", true, "tx", true, true, true);

        assertThat(message(new RunEvent.Resumed(run(RunState.APPLYING), RunState.APPLYING, 1, Optional.of(index))).text())
                .contains("stopped in 20251206090000 product_sales_indexes, which runs outside a transaction;"
                        + " its statements can run again (an index its build left invalid is dropped and built again)")
                .doesNotContain("rolled back");
        assertThat(message(new RunEvent.Resumed(run(RunState.APPLYING), RunState.APPLYING, 0, Optional.of(inOneTransaction))).text())
                .contains("stopped in 20251206091000 product_sales_fk, which runs in one transaction, so it rolled back");
        assertThat(message(new RunEvent.InvalidIndexDropped(run(RunState.APPLYING), "20251206090000", "product_sales_tenant_idx")).text())
                .isEqualTo("🧹 Dropped index product_sales_tenant_idx, left invalid by the interrupted build of 20251206090000;"
                        + " building it again.");
    }
}
