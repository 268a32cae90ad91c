package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.FIRST_TWO;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Requests and their end, without Slack. */
class RunRequestsTest extends RunCoreTest {

    @Test
    void aRunCancelledBeforeItStartedHasNoReport() {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        core.requests.cancel(run.id(), ALICE);

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.CANCELLED);
        assertThat(core.events(RunEvent.Cancelled.class)).singleElement().satisfies(c -> assertThat(c.by()).isEqualTo(ALICE));
        assertThat(core.events(RunEvent.ReportWritten.class)).isEmpty();
        assertThat(core.reports.find(run.id())).isEmpty();
    }
}
