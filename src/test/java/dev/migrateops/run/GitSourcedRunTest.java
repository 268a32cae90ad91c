package dev.migrateops.run;

import static dev.migrateops.run.RunCore.ALICE;
import static dev.migrateops.run.RunCore.BOB;
import static dev.migrateops.run.RunCore.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.catalog.Revision;
import dev.migrateops.config.SourceProperties;
import dev.migrateops.support.GitRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs whose migrations come from a git repository: each run is pinned to the commit it was planned on. */
class GitSourcedRunTest {

    @TempDir
    Path dir;

    private GitRepos repo;
    private RunCore core;
    private String twoMigrations;

    /** The shipped example files of the given versions, as they sit in the team's repository under db/migrations. */
    private static Map<String, String> examples(String... versions) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(Path.of("migrations"))) {
            all.filter(Files::isRegularFile).forEach(file -> {
                for (String version : versions) {
                    if (file.getFileName().toString().startsWith(version + "_")) {
                        try {
                            files.put("db/migrations/" + file.getFileName(), Files.readString(file));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @BeforeEach
    void aTeamRepositoryAndTargetsThatReadIt() {
        repo = GitRepos.create(dir);
        twoMigrations = repo.commit("main", "Index product sales and add its foreign key", "Alice",
                examples("20251206090000", "20251206091000"));
        core = new RunCore("gitsourced", Map.of("shop", new SourceProperties(repo.url(), "main", "db/migrations", null,
                "https://git.example.com/acme/shop", null, null, null)), dir.resolve("cache"));
    }

    @AfterEach
    void close() {
        core.close();
        repo.close();
    }

    @Test
    void aCommitPushedAfterTheRequestDoesNotChangeWhatTheApprovedRunApplies() {
        MigrationRun run = core.requests.request("staging", ALICE, "indexes and fk", Optional.empty());
        assertThat(run.plan().commit().sha()).isEqualTo(twoMigrations);
        assertThat(run.plan().commit().subject()).isEqualTo("Index product sales and add its foreign key");
        assertThat(run.plan().commit().link()).contains("https://git.example.com/acme/shop/commit/" + twoMigrations);

        repo.commit("main", "Validate the foreign key", "Mallory", examples("20251206092000"));
        core.approvals.approve(run.id(), BOB);

        assertThat(core.runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(core.events(RunEvent.MigrationApplied.class)).extracting(RunEvent.MigrationApplied::version)
                .containsExactly("20251206090000", "20251206091000");
        assertThat(core.staging.column("SELECT version || ' ' || source_commit FROM migrateops.schema_history ORDER BY version"))
                .containsExactly("20251206090000 " + twoMigrations, "20251206091000 " + twoMigrations);
    }

    @Test
    void productionRefusesACommitWhoseChecksumsStagingHasNotAppliedAndSaysWhichRunAppliedTheRest() {
        MigrationRun onStaging = core.requests.request("staging", ALICE, "indexes and fk", Optional.empty());
        core.approvals.approve(onStaging.id(), BOB);
        String three = repo.commit("main", "Validate the foreign key", "Carol", examples("20251206092000"));

        RunPlan atHead = core.planner.plan("production", Optional.empty(), Revision.latest());
        assertThat(atHead.commit().sha()).isEqualTo(three);
        assertThat(atHead.missingUpstream()).containsExactly("20251206092000 validate_product_sales_fk is not applied on staging");
        assertThat(atHead.approvable()).isFalse();

        RunPlan atReviewed = core.planner.plan("production", Optional.empty(), Revision.ref(twoMigrations.substring(0, 10)));
        assertThat(atReviewed.missingUpstream()).isEmpty();
        assertThat(atReviewed.upstream()).containsExactly(
                "20251206090000 applied on staging by run #" + onStaging.id() + " from commit " + twoMigrations.substring(0, 7),
                "20251206091000 applied on staging by run #" + onStaging.id() + " from commit " + twoMigrations.substring(0, 7));
        MigrationRun onProduction = core.requests.request("production", ALICE, "the reviewed commit", Optional.empty(),
                Revision.ref(twoMigrations.substring(0, 10)));
        core.approvals.approve(onProduction.id(), BOB);
        core.approvals.approve(onProduction.id(), CAROL);
        assertThat(core.runs.get(onProduction.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(core.production.column("SELECT DISTINCT source_commit FROM migrateops.schema_history")).containsExactly(twoMigrations);
    }

    @Test
    void anUnknownRefIsRefusedAuditedAndNothingIsRequested() {
        assertThatThrownBy(() -> core.requests.request("staging", ALICE, "typo", Optional.empty(), Revision.ref("mian")))
                .isInstanceOf(RunRefusedException.class).hasMessageContaining("'mian' is not a branch, tag or commit");
        assertThat(core.runs.recent(Optional.empty(), 10)).isEmpty();
        assertThat(core.jdbc.sql("SELECT action || ' ' || (details->>'why') FROM audit_events WHERE run_id IS NULL")
                .query(String.class).list()).singleElement().asString().startsWith("refused.apply '").contains("mian");
    }
}
