package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.BOB;
import static dev.migrateops.run.RunCore.CAROL;
import static dev.migrateops.run.RunCore.FIRST_TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.support.CountingDataSource;
import org.junit.jupiter.api.Test;

/** Votes, without Slack: each is one transaction with its audit row, and readiness is read live at every vote. */
class RunApprovalsTest extends RunCoreTest {

    @Test
    void aVoteIsOneTransactionWithItsAuditRow() {
        MigrationRun run = core.requests.request("production", ALICE, "indexes", FIRST_TWO);
        core.counted.reset();
        assertThatThrownBy(() -> core.approvals.approve(run.id(), BOB)).isInstanceOf(RunRefusedException.class);
        CountingDataSource.Tally refused = core.counted.tally();

        assertThat(core.applyOnStaging().state()).isEqualTo(RunState.COMPLETED);
        core.counted.reset();
        core.approvals.approve(run.id(), BOB);
        CountingDataSource.Tally vote = core.counted.tally();

        System.out.printf("bot store per vote: %d statements, %d committed transaction(s); per refused vote: %d statements, %d committed%n",
                vote.statements(), vote.transactions(), refused.statements(), refused.transactions());
        assertThat(vote.transactions()).isEqualTo(1);
        assertThat(core.runs.approvals(run.id(), Approval.Purpose.APPLY)).extracting(Approval::approver).containsExactly(BOB);
        assertThat(core.actions(run.id())).containsSubsequence("run.requested", "refused.approve", "run.approval");
    }

    @Test
    void aCrashBetweenTheWritesOfADecisionLeavesNoneOfThem() {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        core.failOn(RunEvent.Approved.class);

        assertThatThrownBy(() -> core.approvals.approve(run.id(), BOB)).hasMessageContaining("injected crash");

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.REQUESTED);
        assertThat(core.runs.approvals(run.id(), Approval.Purpose.APPLY)).isEmpty();
        assertThat(core.actions(run.id())).containsExactly("run.requested");
        assertThat(core.staging.column("SELECT to_regclass('migrateops.schema_history')::text")).containsOnlyNulls();
    }

    @Test
    void anEarlyProductionRequestBecomesApprovableOnceStagingHasTheSameChecksums() {
        MigrationRun early = core.requests.request("production", ALICE, "launch", FIRST_TWO);
        assertThat(early.plan().missingUpstream()).hasSize(2);
        assertThatThrownBy(() -> core.approvals.approve(early.id(), BOB)).hasMessageContaining("only takes migrations already applied on staging");

        assertThat(core.applyOnStaging().state()).isEqualTo(RunState.COMPLETED);
        core.approvals.approve(early.id(), BOB);
        core.approvals.approve(early.id(), CAROL);

        MigrationRun done = core.runs.get(early.id());
        assertThat(done.state()).isEqualTo(RunState.COMPLETED);
        assertThat(done.plan().missingUpstream()).isEmpty();
        assertThat(core.production.column("SELECT version FROM migrateops.schema_history ORDER BY 1"))
                .containsExactly("20251206090000", "20251206091000");
    }
}
