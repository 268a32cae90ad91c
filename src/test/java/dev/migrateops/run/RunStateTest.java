package dev.migrateops.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStateTest {

    @Test
    void theLifecycleOfDesignMdIsAllowedAndShortcutsAreNot() {
        assertThat(RunState.REQUESTED.canMoveTo(RunState.APPROVED)).isTrue();
        assertThat(RunState.APPROVED.canMoveTo(RunState.PRECHECKS)).isTrue();
        assertThat(RunState.BACKUP.canMoveTo(RunState.APPLYING)).isTrue();
        assertThat(RunState.FAILED.canMoveTo(RunState.ROLLBACK_REQUESTED)).isTrue();
        assertThat(RunState.ROLLING_BACK.canMoveTo(RunState.ROLLED_BACK)).isTrue();

        assertThat(RunState.REQUESTED.canMoveTo(RunState.APPLYING)).isFalse();
        assertThat(RunState.APPLYING.canMoveTo(RunState.CANCELLED)).isFalse();
        assertThat(RunState.COMPLETED.canMoveTo(RunState.APPLYING)).isFalse();
        assertThat(RunState.CANCELLED.canMoveTo(RunState.REQUESTED)).isFalse();
    }

    @Test
    void cancellingEndsARunOnlyBeforeApplying() {
        assertThat(RunState.sourcesOf(RunState.CANCELLED))
                .containsExactlyInAnyOrder(RunState.REQUESTED, RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP);
    }
}
