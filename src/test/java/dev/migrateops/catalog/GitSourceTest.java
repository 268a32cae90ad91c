package dev.migrateops.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.config.SourceProperties;
import dev.migrateops.support.GitRepos;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @TempDir
    Path dir;

    private GitRepos repo;
    private String first;
    private String second;
    private String experiment;

    @BeforeEach
    void aTeamRepositoryWithTwoBranchesAndATag() {
        repo = GitRepos.create(dir);
        first = repo.commit("main", "Create the sales table", "Alice", Map.of(
                "supabase/migrations/20240101000000_create_sales.sql", "CREATE TABLE sales (id int);\n",
                "README.md", "the shop"));
        repo.tag("v1", first);
        second = repo.commit("main", "Index sales", "Bob", Map.of(
                "supabase/migrations/20240102000000_index_sales.sql", "CREATE INDEX sales_id ON sales (id);\n"));
        experiment = repo.commit("experiment", "Try a column", "Carol", Map.of(
                "supabase/migrations/20240103000000_add_note.sql", "ALTER TABLE sales ADD COLUMN note text;\n"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private MigrationReader.Reading read(GitSource source, Revision revision) {
        SourceCommit commit = source.resolve(revision);
        return new MigrationReader().readLeniently(source.files(commit), Optional.empty());
    }

    private GitSource source(SourceProperties settings) {
        return new GitSource("shop", settings, dir.resolve("cache"));
    }

    @Test
    void theDefaultBranchIsFetchedAndPinnedToItsCommit() {
        GitSource source = source(SourceProperties.of(repo.url(), null, ""));
        SourceCommit commit = source.resolve(Revision.latest());
        assertThat(commit.sha()).isEqualTo(second);
        assertThat(commit.subject()).isEqualTo("Index sales");
        assertThat(commit.author()).isEqualTo("Bob");
        MigrationCatalog catalog = new MigrationReader().read(source.files(commit), Optional.empty());
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.SUPABASE);
        assertThat(catalog.migrations()).extracting(Migration::label)
                .containsExactly("20240101000000 create_sales", "20240102000000 index_sales");
        assertThat(catalog.source()).contains(commit.shortSha());
    }

    @Test
    void aBranchATagOrAShortCommitIdNamesItsCommit() {
        GitSource source = source(SourceProperties.of(repo.url(), "main", "supabase/migrations"));
        assertThat(source.resolve(Revision.ref("experiment")).sha()).isEqualTo(experiment);
        assertThat(source.resolve(Revision.ref("v1")).sha()).isEqualTo(first);
        assertThat(source.resolve(Revision.ref(first.substring(0, 8))).sha()).isEqualTo(first);
        assertThat(read(source, Revision.ref("experiment")).catalog().migrations()).hasSize(3);
        assertThat(read(source, Revision.ref("v1")).catalog().migrations()).hasSize(1);
    }

    @Test
    void aCommitPushedAfterThePlanDoesNotChangeWhatThePinnedCommitReads() {
        GitSource source = source(SourceProperties.of(repo.url(), "main", ""));
        SourceCommit planned = source.resolve(Revision.latest());
        repo.commit("main", "Sneak in a drop", "Mallory", Map.of(
                "supabase/migrations/20240104000000_drop_sales.sql", "DROP TABLE sales;\n"));
        assertThat(source.resolve(Revision.latest()).subject()).isEqualTo("Sneak in a drop");
        SourceCommit pinned = source.resolve(Revision.pinned(planned));
        assertThat(pinned.sha()).isEqualTo(second);
        assertThat(new MigrationReader().read(source.files(pinned), Optional.empty()).migrations()).hasSize(2);
    }

    @Test
    void anUnknownRefIsRefusedByName() {
        GitSource source = source(SourceProperties.of(repo.url(), "main", ""));
        assertThatThrownBy(() -> source.resolve(Revision.ref("no-such-branch")))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("'no-such-branch' is not a branch, tag or commit");
    }

    @Test
    void aRepositoryThatCannotBeFetchedIsRefusedWithoutItsCredentials() {
        GitSource source = source(SourceProperties.of("https://deploy:s3cr3t-pass@127.0.0.1:9/acme/shop.git", "main", ""));
        assertThatThrownBy(() -> source.resolve(Revision.latest()))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("cannot fetch https://127.0.0.1:9/acme/shop.git")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pass").doesNotContain("deploy:"));
    }

    @Test
    void aTokenVariableThatIsNotSetIsNamed() {
        GitSource source = source(new SourceProperties("https://127.0.0.1:9/acme/shop.git", "main", "", null, null,
                "MIGRATEOPS_TEST_TOKEN_THAT_IS_NOT_SET", null, null));
        assertThatThrownBy(() -> source.resolve(Revision.latest()))
                .hasMessageContaining("MIGRATEOPS_TEST_TOKEN_THAT_IS_NOT_SET").hasMessageContaining("is not set");
    }

    @Test
    void aPathThatIsNotInTheCommitIsNamed() {
        GitSource source = source(SourceProperties.of(repo.url(), "main", "db/migrations"));
        SourceCommit commit = source.resolve(Revision.latest());
        assertThatThrownBy(() -> source.files(commit)).hasMessageContaining("'db/migrations' does not exist");
    }
}
