package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Tracers;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint reconciled with a trace on a copy of a real target's schema: hazards the static rules do not know are
 * found from what PostgreSQL did, named as they must be typed and weighed by the live table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracedLintTest {

    private TestDatabase shop;
    private TargetDatabase target;
    private final MigrationTracer tracer = Tracers.onThisMachine();

    @BeforeAll
    void aShopWithAMixedCaseTable() {
        shop = PostgresServer.get().createDatabase("traced_lint").withDemoShop();
        shop.execute("CREATE TABLE \"CashDrawer\" (id bigint PRIMARY KEY, note text); INSERT INTO \"CashDrawer\" SELECT g, 'n' FROM generate_series(1, 500) g;"
                + " ANALYZE \"CashDrawer\"; ANALYZE product_sales;");
        target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 0));
    }

    @AfterAll
    void dropIt() {
        target.close();
        shop.close();
    }

    private LintReport lint(Path dir) {
        MigrationCatalog catalog = new MigrationReader().read(dir);
        Trace trace = tracer.trace(target, catalog.migrations());
        assertThat(trace.ran()).as(trace.notRunBecause()).isTrue();
        return new DirectoryLinter().lint(catalog.migrations(), new LiveTableFacts(target), trace);
    }

    private static List<String> rules(LintReport report) {
        return report.findings().stream().map(f -> f.rule() + " at " + f.location()).toList();
    }

    @Test
    void whatTheStaticRulesCannotSeeIsFoundFromTheTraceAndNamedAsTyped(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20260101000000_dynamic.sql"), "DO $$ BEGIN\n"
                + "  EXECUTE 'ALTER TABLE \"CashDrawer\" ALTER COLUMN note TYPE varchar(10)';\nEND $$;\n");
        Files.writeString(dir.resolve("20260101000001_helper.sql"), "CREATE OR REPLACE FUNCTION index_sales() RETURNS void LANGUAGE sql "
                + "AS $$ CREATE INDEX IF NOT EXISTS sales_by_status ON product_sales (status) $$;\nSELECT index_sales();\n");

        LintReport report = lint(dir);

        assertThat(rules(report)).containsExactly("table-rewrite at 20260101000000_dynamic.sql:1",
                "index-built-in-place at 20260101000001_helper.sql:2");
        assertThat(report.findings().get(0)).satisfies(f -> {
            assertThat(f.why()).startsWith("rewrites public.\"CashDrawer\" (500 rows, ").contains("under ACCESS EXCLUSIVE lock")
                    .containsPattern("kB, (<1 write/s|~\\d+ writes/s)\\)");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(report.findings().get(1).why()).contains("public.sales_by_status", "public.product_sales (10 k rows");
    }

    @Test
    void aHazardBothSeeIsOneFindingTheStaticRulesWording(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20260101000000_inline.sql"),
                "ALTER TABLE product_sales ADD COLUMN drawer_id bigint REFERENCES \"CashDrawer\" (id);\n"
                        + "ALTER TABLE product_sales ADD COLUMN code text UNIQUE;\n"
                        + "ALTER TABLE \"CashDrawer\" ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;\n");

        assertThat(rules(lint(dir))).containsExactly("constraint-not-valid at 20260101000000_inline.sql:1",
                "unique-without-index at 20260101000000_inline.sql:2", "add-column-volatile-default at 20260101000000_inline.sql:3");
    }

    @Test
    void theTraceOverrulesAStaticGuessWhenNothingWasRewritten(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20260101000000_widen.sql"), "ALTER TABLE \"CashDrawer\" ALTER COLUMN id TYPE bigint;\n"
                + "ALTER TABLE \"CashDrawer\" ALTER COLUMN note TYPE varchar(20);\n");

        assertThat(rules(lint(dir))).containsExactly("alter-column-type at 20260101000000_widen.sql:2");
    }

    @Test
    void aMigrationThatFailsOnTheCopyBlocksAndWhatFollowsIsNotTried(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20260101000000_typo.sql"), "ALTER TABLE product_sale ADD COLUMN note text;\n");
        Files.writeString(dir.resolve("20260101000001_after.sql"), "ALTER TABLE product_sales ALTER COLUMN id TYPE numeric;\n");

        LintReport report = lint(dir);

        assertThat(report.blocking()).extracting(Finding::rule).contains(DirectoryLinter.FAILS_ON_COPY);
        assertThat(report.blocking()).filteredOn(f -> f.rule().equals(DirectoryLinter.FAILS_ON_COPY)).singleElement()
                .satisfies(f -> assertThat(f.why()).contains("relation \"product_sale\" does not exist"));
        assertThat(rules(report)).contains("alter-column-type at 20260101000001_after.sql:1");
    }
}
