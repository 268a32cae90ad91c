package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.audit.Actor;
import org.junit.jupiter.api.Test;

/** Asking for rollbacks, without Slack. */
class RunRollbacksTest extends RunCoreTest {

    @Test
    void onlyTheRequesterOrAnApproverMayAskForARollback() {
        MigrationRun done = core.applyOnStaging();
        Actor mallory = new Actor("U0MALLORY", "mallory");

        assertThatThrownBy(() -> core.rollbacks.requestRollback(done.id(), mallory, "just because", false))
                .isInstanceOfSatisfying(RunRefusedException.class, refused -> {
                    assertThat(refused).hasMessageContaining("only the requester or an approver of staging");
                    assertThat(refused.remedy()).isEqualTo(RunRefusedException.Remedy.ASK_APPROVERS);
                });
        assertThat(core.actions(done.id())).contains("refused.rollback");

        assertThat(core.rollbacks.requestRollback(done.id(), ALICE, "checkout is slower", false).state())
                .isEqualTo(RunState.ROLLBACK_REQUESTED);
    }
}
