package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.FIRST_TWO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs whose instance stopped, taken over once their lease ran out (the process-level test is RunsAcrossInstancesTest). */
class RunRecoveryTest extends RunCoreTest {

    @Test
    void aRunLeftInItsPreChecksStartsThemAgainAndCompletes() {
        MigrationRun run = leftBy("mo-gone", RunState.APPROVED, RunState.PRECHECKS);

        assertThat(core.recovery.recoverExpired()).isEqualTo(1);

        assertThat(core.events(RunEvent.Resumed.class)).singleElement().satisfies(resumed -> assertThat(resumed.was())
                .isEqualTo(RunState.PRECHECKS));
        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void aRunLeftInAnIndexBuildBuildsItAgainAndGoesOn() {
        // 20251206090000 builds its indexes CONCURRENTLY IF NOT EXISTS, outside a transaction: the stopped build
        // left its index INVALID
        MigrationRun run = leftBy("mo-gone", RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP, RunState.APPLYING);
        try {
            core.staging.execute("CREATE UNIQUE INDEX CONCURRENTLY product_sales_tenant_status_created_idx ON product_sales (tenant_id)");
        } catch (IllegalStateException duplicateKeys) {
            // as intended: the build failed and left the index INVALID
        }
        assertThat(validityOfTheTenantStatusIndex()).containsExactly("f");

        core.recovery.recoverExpired();

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(validityOfTheTenantStatusIndex()).containsExactly("t");
        assertThat(core.staging.column("SELECT version || ' ' || run_id FROM migrateops.schema_history ORDER BY 1"))
                .containsExactly("20251206090000 " + run.id(), "20251206091000 " + run.id());
    }

    @Test
    void aRunLeftVerifyingIsInterruptedSayingWhatWasApplied() {
        MigrationRun run = leftBy("mo-gone", RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP, RunState.APPLYING,
                RunState.VERIFYING);

        core.recovery.recoverExpired();

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.INTERRUPTED);
        assertThat(core.events(RunEvent.Interrupted.class)).singleElement().satisfies(interrupted -> {
            assertThat(interrupted.was()).isEqualTo(RunState.VERIFYING);
            assertThat(interrupted.applied()).startsWith("nothing");
        });
    }

    @Test
    void whatABackupStepLeftBehindIsRemovedWhenItsRunIsTakenOver() throws Exception {
        MigrationRun run = leftBy("mo-gone", RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP);
        String scratch = "migrateops_scratch_run" + run.id() + "_deadbeef0000";
        try (Connection admin = PostgresServer.get().connect(PostgresServer.get().adminDatabase())) {
            admin.createStatement().execute("CREATE DATABASE " + scratch);
        }
        Path dumps = Files.createDirectories(core.backupDir.resolve("staging"));
        Path half = Files.writeString(dumps.resolve("staging-run" + run.id() + "-20261203T101010Z.dump"), "half a dump");

        core.recovery.recoverExpired();

        assertThat(PostgresServer.get().databasesNamedLike(scratch)).isZero();
        assertThat(half).doesNotExist();
        assertThat(core.audit.forRun(run.id())).filteredOn(e -> e.action().equals("recovery.leftovers_removed")).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("scratch database " + scratch, "unregistered file " + half.getFileName()));
    }

    @Test
    void anInstanceWhoseRunWasTakenOverWritesNothingMoreForIt() {
        // this instance worked on the run, could not renew its lease, and another instance took the run over
        MigrationRun run = leftBy("mo-test", RunState.APPROVED, RunState.PRECHECKS);
        core.jdbc.sql("UPDATE runs SET worker_id = 'mo-other', lease_expires_at = now() + interval '1 minute' WHERE id = ?")
                .param(run.id()).update();

        assertThatThrownBy(() -> core.transitions.enter(run.id(), Step.BACKUP)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> core.transitions.tell(new RunEvent.BackupSkipped(run))).isInstanceOf(LeaseLostException.class);
        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.PRECHECKS);
        assertThat(core.actions(run.id())).doesNotContain("step.backup", "backup.off");
    }

    @Test
    void aRunWhoseLeaseIsStillRunningIsLeftAlone() {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        core.jdbc.sql("UPDATE runs SET worker_id = 'mo-alive', lease_expires_at = now() + interval '1 minute' WHERE id = ?")
                .param(run.id()).update();
        core.runs.transition(run.id(), RunState.APPROVED, "starting", null);

        assertThat(core.recovery.recoverExpired()).isZero();
        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.APPROVED);
    }

    private List<String> validityOfTheTenantStatusIndex() {
        return core.staging.column("SELECT indisvalid FROM pg_index WHERE indexrelid = 'product_sales_tenant_status_created_idx'::regclass");
    }

    /** A staging run moved through these states by an instance that is gone, its lease run out. */
    private MigrationRun leftBy(String worker, RunState... states) {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes", FIRST_TWO);
        List.of(states).forEach(state -> core.runs.transition(run.id(), state, state.name().toLowerCase(), null));
        core.jdbc.sql("UPDATE runs SET worker_id = ?, lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .params(worker, run.id()).update();
        return run;
    }
}
