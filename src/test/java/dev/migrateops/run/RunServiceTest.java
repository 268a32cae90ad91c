package dev.migrateops.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.CountingDataSource;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.ReadCounter;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The use cases of runs, without Slack: what each decision writes, and the events it publishes. */
class RunServiceTest {

    static final Actor ALICE = new Actor("U0ALICE", "alice");
    static final Actor BOB = new Actor("U0BOB", "bob");
    static final Actor CAROL = new Actor("U0CAROL", "carol");
    static final Optional<MigrationVersion> FIRST_TWO = Optional.of(MigrationVersion.parse("20251206091000"));

    private TestDatabase staging;
    private TestDatabase production;
    private RunCore core;

    /** Staging needs one approval from bob or carol; production two, and staging's checksums first. */
    static TargetProperties target(TestDatabase db, int approvals, String upstream) {
        return new TargetProperties(db.jdbcUrl(), PostgresServer.get().user(), PostgresServer.get().password(), Path.of("migrations"),
                "C0" + db.name().toUpperCase(), approvals, Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
                List.of(BOB.id(), CAROL.id()), upstream, null, false, Duration.ofHours(4), TargetProperties.BackupMode.OFF,
                null, null);
    }

    @BeforeEach
    void twoTargetsAndTheRunCore() {
        staging = PostgresServer.get().createDatabase("runs_staging").withDemoShop();
        production = PostgresServer.get().createDatabase("runs_production").withDemoShop();
        core = new RunCore("runs_store", Map.of("staging", target(staging, 1, null), "production", target(production, 2, "staging")));
    }

    @AfterEach
    void dropThem() {
        core.close();
        staging.close();
        production.close();
    }

    @Test
    void anApprovedRunGoesThroughItsStepsAndEveryStepIsAnEvent() {
        MigrationRun run = core.service.request("staging", ALICE, "indexes", FIRST_TWO);
        core.service.approve(run.id(), BOB);

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
    void eachStepReadsTheMigrationsAndTheHistoryOnceAndNothingIsCheckedTwice() {
        try (ReadCounter reads = new ReadCounter()) {
            MigrationRun run = core.service.request("staging", ALICE, "indexes", FIRST_TWO);
            Map<String, Long> request = reads.counts();
            reads.reset();
            core.service.approve(run.id(), BOB);
            Map<String, Long> approveAndRun = reads.counts();

            System.out.println("reads per request: " + request + "; per approval and run: " + approveAndRun);
            // the card's plan; then the vote's readiness, the pre-checks step and the apply step (history again under its lock)
            assertThat(request).containsAllEntriesOf(Map.of("directory reads", 1L, "history reads", 1L, "pre-check runs", 1L,
                    "lint passes", 1L));
            assertThat(approveAndRun).containsEntry("directory reads", 3L).containsEntry("history reads", 4L)
                    .containsEntry("pre-check runs", 1L).containsEntry("lint passes", 0L);
        }
    }

    @Test
    void aVoteIsOneTransactionWithItsAuditRow() {
        MigrationRun run = core.service.request("production", ALICE, "indexes", FIRST_TWO);
        core.counted.reset();
        assertThatThrownBy(() -> core.service.approve(run.id(), BOB)).isInstanceOf(RunRefusedException.class);
        CountingDataSource.Tally refused = core.counted.tally();

        applyOnStaging();
        core.counted.reset();
        core.service.approve(run.id(), BOB);
        CountingDataSource.Tally vote = core.counted.tally();

        System.out.printf("bot store per vote: %d statements in %d transaction(s); per refused vote: %d statements in %d%n",
                vote.statements(), vote.transactions(), refused.statements(), refused.transactions());
        assertThat(vote.transactions()).isEqualTo(1);
        assertThat(core.runs.approvals(run.id(), Approval.Purpose.APPLY)).extracting(Approval::approver).containsExactly(BOB);
        assertThat(core.actions(run.id())).containsSubsequence("run.requested", "refused.approve", "run.approval");
    }

    @Test
    void aCrashBetweenTheWritesOfADecisionLeavesNoneOfThem() {
        MigrationRun run = core.service.request("staging", ALICE, "indexes", FIRST_TWO);
        core.failOn(RunEvent.Approved.class);

        assertThatThrownBy(() -> core.service.approve(run.id(), BOB)).hasMessageContaining("injected crash");

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);
        assertThat(core.runs.approvals(run.id(), Approval.Purpose.APPLY)).isEmpty();
        assertThat(core.actions(run.id())).containsExactly("run.requested");
        assertThat(staging.column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
    }

    @Test
    void anEarlyProductionRequestBecomesApprovableOnceStagingHasTheSameChecksums() {
        MigrationRun early = core.service.request("production", ALICE, "launch", FIRST_TWO);
        assertThat(early.plan().missingUpstream()).hasSize(2);
        assertThatThrownBy(() -> core.service.approve(early.id(), BOB)).hasMessageContaining("only takes migrations already applied on staging");

        applyOnStaging();
        core.service.approve(early.id(), BOB);
        core.service.approve(early.id(), CAROL);

        MigrationRun done = core.runs.get(early.id());
        assertThat(done.state()).isEqualTo(RunState.COMPLETED);
        assertThat(done.plan().missingUpstream()).isEmpty();
        assertThat(production.column("SELECT version FROM migrateops.schema_history ORDER BY 1"))
                .containsExactly("20251206090000", "20251206091000");
    }

    @Test
    void aRunCancelledBeforeItStartedHasNoReport() {
        MigrationRun run = core.service.request("staging", ALICE, "indexes", FIRST_TWO);
        core.service.cancel(run.id(), ALICE);

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.CANCELLED);
        assertThat(core.events(RunEvent.Cancelled.class)).singleElement().satisfies(c -> assertThat(c.by()).isEqualTo(ALICE));
        assertThat(core.events(RunEvent.ReportWritten.class)).isEmpty();
        assertThat(core.reports.find(run.id())).isEmpty();
    }

    @Test
    void aRunThatFailsAtPreChecksOffersNoRollback() {
        staging.execute("INSERT INTO product_master (tenant_id, name, price) SELECT tenant_id, name, price FROM product_master LIMIT 1");
        MigrationRun run = core.service.request("staging", ALICE, "indexes", FIRST_TWO);
        core.service.approve(run.id(), BOB);

        assertThat(core.events(RunEvent.Failed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.failure().kind()).isEqualTo(Failure.Kind.PRECHECKS);
            assertThat(failed.rollback().offered()).isFalse();
        });
        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.FAILED);
    }

    private void applyOnStaging() {
        MigrationRun upstream = core.service.request("staging", ALICE, "first", FIRST_TWO);
        core.service.approve(upstream.id(), CAROL);
        assertThat(core.runs.get(upstream.id()).state()).isEqualTo(RunState.COMPLETED);
    }
}
