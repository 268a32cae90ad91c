package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LintOutputTest {

    private static final Finding INDEX = new Finding("index-not-concurrent", Severity.ERROR, "20260101000000_index.sql:3",
            "CREATE INDEX without CONCURRENTLY blocks every write to public.sales, 100% of them", "CREATE INDEX CONCURRENTLY", null);
    private static final Finding ALLOWED = new Finding("alter-column-type", Severity.ERROR, "20260101000001_retype.sql:5",
            "changing the column type rewrites public.sales", "add a new column", "sales, is small: ok");
    private static final Finding UNREADABLE = new Finding("unreadable-migration", Severity.ERROR, "migrations directory",
            "the directory does not exist", "fix the file", null);
    private static final LintOutput.Input INPUT = new LintOutput.Input(Path.of("db", "migrations"),
            new LintReport(List.of(INDEX, ALLOWED, UNREADABLE)), 2,
            Optional.of(new PreCheck("trace on a schema copy", PreCheck.Status.WARN, "not traced: no CREATEDB")), "0.1.0");

    @Test
    void githubAnnotationsPointAtTheFileAndLineAndEscapeWhatTheFormatReserves() {
        assertThat(LintOutput.github(INPUT).split("\n")).containsExactly(
                "::error file=db/migrations/20260101000000_index.sql,line=3,title=MigrateOps index-not-concurrent::CREATE INDEX "
                        + "without CONCURRENTLY blocks every write to public.sales, 100%25 of them Instead: CREATE INDEX CONCURRENTLY",
                "::notice file=db/migrations/20260101000001_retype.sql,line=5,title=MigrateOps alter-column-type::changing the column "
                        + "type rewrites public.sales Instead: add a new column (allowed: sales, is small: ok)",
                "::error file=db/migrations,title=MigrateOps unreadable-migration::the directory does not exist Instead: fix the file",
                "::warning title=MigrateOps trace::not traced: no CREATEDB",
                "2 migrations: 3 errors, 0 warnings, 2 blocking");
    }

    @Test
    void sarifNamesEachRuleAndSuppressesWhatWasAllowedWithItsReason() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(LintOutput.sarif(INPUT));

        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules").findValuesAsText("id"))
                .containsExactly("alter-column-type", "index-not-concurrent", "unreadable-migration");
        JsonNode first = run.path("results").get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("index-not-concurrent");
        assertThat(first.path("level").asText()).isEqualTo("error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("db/migrations/20260101000000_index.sql");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        assertThat(run.path("results").get(1).at("/suppressions/0/justification").asText()).isEqualTo("sales, is small: ok");
        assertThat(run.path("results").get(2).at("/locations/0/physicalLocation/region").isMissingNode()).isTrue();
    }

    @Test
    void textEndsWithTheCountsAndTheTrace() {
        assertThat(LintOutput.text(INPUT)).contains("ERROR index-not-concurrent at 20260101000000_index.sql:3\n",
                "(allowed: sales, is small: ok)", "trace WARN: not traced: no CREATEDB").endsWith("2 migrations: 3 errors, 0 warnings, 2 blocking");
    }
}
