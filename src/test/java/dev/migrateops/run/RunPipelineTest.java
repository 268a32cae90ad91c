package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.BOB;
import static dev.migrateops.run.RunCore.FIRST_TWO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.support.ReadCounter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An approved run through its steps, without Slack: what each step reads, and the events it publishes. */
class RunPipelineTest extends RunCoreTest {

    @Test
    void anApprovedRunGoesThroughItsStepsAndEveryStepIsAnEvent() {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        core.approvals.approve(run.id(), BOB);

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(core.events(RunEvent.StepStarted.class)).extracting(RunEvent.StepStarted::step)
                .containsExactly(Step.PRECHECKS, Step.BACKUP, Step.APPLYING, Step.VERIFYING);
        assertThat(core.events(RunEvent.MigrationApplied.class)).extracting(RunEvent.MigrationApplied::version)
                .containsExactly("20251206090000", "20251206091000");
        assertThat(core.events(RunEvent.Completed.class)).singleElement()
                .satisfies(done -> assertThat(done.how()).isEqualTo(RunEvent.Completion.VERIFIED_WITHOUT_WINDOW));
        assertThat(core.events(RunEvent.ReportWritten.class)).singleElement().satisfies(written -> {
            assertThat(written.report().approvers()).containsExactly(BOB);
            assertThat(written.report().timeline()).extracting(RunSteps.Step::name)
                    .containsExactly("pre-checks", "backup", "applying", "verifying");
        });
        assertThat(core.actions(run.id())).containsSubsequence("run.requested", "run.approval", "run.approved", "step.prechecks",
                "prechecks.result", "backup.off", "step.applying", "statement.executed", "step.verifying", "verify.result",
                "run.completed");
    }

    @Test
    void aSessionHoldingTheLockAMigrationNeedsIsNamedInTheThreadAndTheRunCompletesWhenItEnds() throws Exception {
        try (java.sql.Connection report = core.staging.connect()) {
            var st = report.createStatement();
            st.execute("SET application_name = 'nightly-report'");
            report.setAutoCommit(false);
            st.execute("LOCK TABLE product_sales IN SHARE MODE"); // what CREATE INDEX CONCURRENTLY must wait for
            long lockedAt = System.nanoTime();
            Thread finishesLater = new Thread(() -> {
                try {
                    Thread.sleep(3000);
                    report.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            finishesLater.start();
            MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
            core.approvals.approve(run.id(), BOB);
            finishesLater.join();

            assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
            assertThat(core.events(RunEvent.BlockersSeen.class)).isNotEmpty().allSatisfy(seen -> {
                assertThat(seen.version()).isEqualTo("20251206090000");
                assertThat(seen.blockers()).singleElement().satisfies(b -> assertThat(b.application()).isEqualTo("nightly-report"));
            });
            assertThat(core.actions(run.id())).contains("apply.blocked");
            assertThat(core.events(RunEvent.MigrationApplied.class).get(0).attempts()).isGreaterThan(1);
            System.out.println("BENCHMARK blocker named in the thread " + (core.firstEventAt(RunEvent.BlockersSeen.class)
                    - core.firstEventAt(RunEvent.MigrationStarted.class)) / 1_000_000 + " ms after the blocked migration started ("
                    + (core.firstEventAt(RunEvent.BlockersSeen.class) - lockedAt) / 1_000_000 + " ms after the blocker took its lock,"
                    + " the run's request and approval in between)");
        }
    }

    @Test
    void aRunThatFailsAtPreChecksOffersNoRollback() {
        core.staging.execute("INSERT INTO product_master (tenant_id, name, price) SELECT tenant_id, name, price FROM product_master LIMIT 1");
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        core.approvals.approve(run.id(), BOB);

        assertThat(core.events(RunEvent.Failed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().kind()).isEqualTo(Failure.Kind.PRECHECKS);
            assertThat(failed.rollback().offered()).isFalse();
        });
        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void eachStepReadsTheMigrationsAndTheHistoryOnceAndNothingIsCheckedTwice() {
        try (ReadCounter reads = new ReadCounter()) {
            MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
            Map<String, Long> request = reads.counts();
            reads.reset();
            core.approvals.approve(run.id(), BOB);
            Map<String, Long> approveAndRun = reads.counts();

            System.out.println("reads per request: " + request + "; per approval and run: " + approveAndRun);
            // the card's plan; then the vote's readiness, the pre-checks step and the apply step (history again under its lock)
            assertThat(request).containsAllEntriesOf(Map.of("directory reads", 1L, "history reads", 1L, "pre-check runs", 1L,
                    "lint passes", 1L));
            assertThat(approveAndRun).containsEntry("directory reads", 3L).containsEntry("history reads", 4L)
                    .containsEntry("pre-check runs", 1L).containsEntry("lint passes", 0L);
        }
    }
}
