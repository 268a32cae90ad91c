package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.run.Approval;
import dev.migrateops.run.Failure;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RollbackOptions;
import dev.migrateops.engine.Progress;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventLinesTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");
    private static final Actor CAROL = new Actor("cli:carol", "carol (command line)");
    private static final RunPlan ONE = new RunPlan("db.internal:5432/shop",
            List.of(new PlannedMigration("20251206090000", "product_sales_indexes", "ab12", false,
                    "no-tx (CREATE INDEX CONCURRENTLY at line 4)", true, false, true)), List.of(), List.of());

    private static MigrationRun run(RunState state) {
        return new MigrationRun(42, "production", state, CAROL, "break-glass: Slack is down", null, ONE, "C0PROD", null, T0, null,
                null, null, null, null, T0, T0, null);
    }

    @Test
    void aRequestedRunListsWhatItWillApply() {
        assertThat(RunEventLines.of(new RunEvent.Requested(run(RunState.REQUESTED)))).containsExactly(
                "run #42 on production (db.internal:5432/shop): 1 migration",
                "  20251206090000 product_sales_indexes  no-tx (CREATE INDEX CONCURRENTLY at line 4)");
    }

    @Test
    void waivedApprovalsAreSaidLoudlyWithTheReason() {
        assertThat(RunEventLines.of(new RunEvent.ApprovalsWaived(run(RunState.REQUESTED), CAROL, Approval.Purpose.APPLY, 2,
                "Slack is down, INC-4711"))).containsExactly("BREAK-GLASS: 2 approvals waived by carol (command line): Slack is down, INC-4711");
    }

    @Test
    void failedPreChecksListEachFindingAndAWarning() {
        RunEvent.PreChecksDone done = new RunEvent.PreChecksDone(run(RunState.PRECHECKS), List.of("connection", "x.check.sql"),
                List.of("x.check.sql: returned 1 row"), List.of(new PreCheck("replication lag", PreCheck.Status.WARN, "4 s")),
                Duration.ofMillis(12));

        assertThat(RunEventLines.of(done)).containsExactly("✗ pre-checks failed: connection, x.check.sql (12 ms)",
                "  ✗ x.check.sql: returned 1 row", "  ! replication lag: 4 s");
    }

    @Test
    void aFailedRunSaysHowToRollItBackFromTheCommandLine() {
        RunEvent.Failed failed = new RunEvent.Failed(run(RunState.FAILED), new Failure(Failure.Kind.VERIFICATION, "Verification failed",
                List.of("1 invalid index")), RollbackOptions.available("rollback by down scripts"));

        assertThat(RunEventLines.of(failed)).containsExactly("✗ run #42 FAILED: Verification failed", "  1 invalid index",
                "rollback: rollback by down scripts — migrateops rollback production --run 42");
    }

    @Test
    void longWorkPrintsALinePerReportAndOneWhenItEnds() {
        Progress dumping = new Progress(Progress.Work.BACKUP, "shop", "", 0, 0, 300L << 20, 0, Progress.Unit.BYTES, 2L << 30,
                java.time.Duration.ofSeconds(40), null, false);

        assertThat(RunEventLines.of(new RunEvent.WorkProgressed(run(RunState.BACKUP), "", dumping)))
                .containsExactly("… dumping shop: 300 MB written in 40 s (the database is 2.0 GB on disk)");
        assertThat(RunEventLines.of(new RunEvent.WorkProgressed(run(RunState.BACKUP), "", dumping.finishedAfter(
                java.time.Duration.ofSeconds(75))))).containsExactly("✓ dumped shop: 300 MB in 1 min 15 s");
    }
}
