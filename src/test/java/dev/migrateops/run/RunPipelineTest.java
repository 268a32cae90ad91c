package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.BOB;
import static dev.migrateops.run.RunCore.FIRST_TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.engine.Blocker;
import dev.migrateops.support.ReadCounter;
import java.util.List;
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
            List<RunEvent.BlockersSeen> seen = core.events(RunEvent.BlockersSeen.class);
            assertThat(seen).hasSize(2).allSatisfy(s -> assertThat(s.version()).isEqualTo("20251206090000"));
            assertThat(seen.get(0).blockers()).singleElement().satisfies(b -> assertThat(b.application()).isEqualTo("nightly-report"));
            assertThat(seen.get(1).cleared()).isTrue();
            assertThat(core.actions(run.id())).containsSubsequence("apply.blocked", "apply.unblocked");
            assertThat(core.steps.of(run.id())).allSatisfy(step -> assertThat(step.blockers()).isEmpty());
            assertThat(core.events(RunEvent.MigrationApplied.class).get(0).attempts()).isGreaterThan(1);
            System.out.println("BENCHMARK blocker named in the thread " + (core.firstEventAt(RunEvent.BlockersSeen.class)
                    - core.firstEventAt(RunEvent.MigrationStarted.class)) / 1_000_000 + " ms after the blocked migration started ("
                    + (core.firstEventAt(RunEvent.BlockersSeen.class) - lockedAt) / 1_000_000 + " ms after the blocker took its lock,"
                    + " the run's request and approval in between)");
        }
    }

    @Test
    void anApproverTerminatesTheSessionThatBlocksTheMigrationAndTheRunGoesOnButTheRequesterAloneCannot() throws Exception {
        try (java.sql.Connection report = core.staging.connect()) {
            var st = report.createStatement();
            st.execute("SET application_name = 'nightly-report'");
            report.setAutoCommit(false);
            st.execute("LOCK TABLE product_sales IN SHARE MODE");
            MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
            java.util.concurrent.CompletableFuture<Void> running = java.util.concurrent.CompletableFuture.runAsync(
                    () -> core.approvals.approve(run.id(), BOB));
            Blocker blocker = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> core.steps.current(run.id()).map(RunSteps.Step::blockers).orElse(List.of()), b -> !b.isEmpty())
                    .get(0);
            assertThat(blocker.application()).isEqualTo("nightly-report");

            assertThatThrownBy(() -> core.blockers.end(run.id(), ALICE, blocker.pid(), blocker.backendStart(),
                    RunBlockers.Ending.TERMINATE)).isInstanceOf(RunRefusedException.class).hasMessageContaining("you requested run #");
            assertThatThrownBy(() -> core.blockers.end(run.id(), BOB, blocker.pid(), blocker.backendStart().plusSeconds(1),
                    RunBlockers.Ending.TERMINATE)).hasMessageContaining("is not what run #").hasMessageContaining("nothing was done");
            assertThat(report.isValid(2)).isTrue();

            core.blockers.end(run.id(), BOB, blocker.pid(), blocker.backendStart(), RunBlockers.Ending.TERMINATE);
            running.get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
            assertThat(report.isValid(2)).isFalse();
            assertThat(core.events(RunEvent.BlockerEnded.class)).singleElement().satisfies(ended -> {
                assertThat(ended.by()).isEqualTo(BOB);
                assertThat(ended.terminated()).isTrue();
                assertThat(ended.blocker().pid()).isEqualTo(blocker.pid());
            });
            assertThat(core.actions(run.id())).containsSubsequence("refused.terminate_blocker", "refused.terminate_blocker",
                    "blocker.terminated", "apply.unblocked", "run.completed");
            assertThat(core.audit.forRun(run.id())).filteredOn(e -> e.action().equals("blocker.terminated")).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("\"pid\": " + blocker.pid(), "nightly-report", "idle in transaction"));
            assertThatThrownBy(() -> core.blockers.end(run.id(), BOB, blocker.pid(), blocker.backendStart(), RunBlockers.Ending.CANCEL))
                    .hasMessageContaining("is COMPLETED");
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
