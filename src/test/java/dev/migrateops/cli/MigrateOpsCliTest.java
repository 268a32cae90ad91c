package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Tracers;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.MigrationEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateOpsCliTest {

    private static final Path EXAMPLES = Path.of("migrations");
    private static final Actor CAROL = new Actor("cli:carol", "carol (command line)");
    private static final MigrationTracer TRACER = Tracers.onThisMachine();

    private TestDatabase dev;
    private TestDatabase production;
    private TestDatabase untouched;
    private MigrationEngine engine;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void devNeedsNoApprovalProductionNeedsOne() {
        dev = PostgresServer.get().createDatabase("cli_dev").withDemoShop();
        production = PostgresServer.get().createDatabase("cli_prod").withDemoShop();
        untouched = PostgresServer.get().createDatabase("cli_untouched").withDemoShop();
        engine = Engines.over(Map.of("dev", dev.target(EXAMPLES, 0), "production", production.target(EXAMPLES, 1),
                "untouched", untouched.target(EXAMPLES, 1)));
    }

    @AfterAll
    void dropThem() {
        engine.targets().close();
        dev.close();
        production.close();
        untouched.close();
    }

    @BeforeEach
    void clearOutput() {
        out.reset();
        err.reset();
    }

    private int cli(String... args) {
        return new MigrateOpsCli(engine, TRACER, CAROL, CommandAudit.NONE, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badUsageExitsWithTwoAndShowsTheUsage() {
        assertThat(cli()).isEqualTo(2);
        assertThat(err()).contains("Usage: migrateops");
        assertThat(cli("deploy", "dev")).isEqualTo(2);
        assertThat(err()).contains("'deploy'");
        assertThat(cli("plan")).isEqualTo(2);
        assertThat(cli("plan", "dev", "--to", "latest")).isEqualTo(2);
        assertThat(cli("plan", "dev", "--force", "yes")).isEqualTo(2);
        assertThat(cli("plan", "dev", "--frobnicate=1")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--frobnicate=1'");
        assertThat(cli("plan", "dev", "staging")).isEqualTo(2);
        assertThat(cli("lint", "migrations", "--format=xml")).isEqualTo(2);
        assertThat(cli("rollback", "dev", "--run", "three")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void theEqualsFormOfAnOptionIsReadNotSkipped() {
        assertThat(cli("plan", "untouched", "--to=20251206090000")).isZero();
        assertThat(out()).contains("target untouched: 0 applied, 1 pending");
    }

    @Test
    void helpAndVersionAnswerAndExitWithZero() {
        assertThat(cli("--help")).isZero();
        assertThat(out()).contains("Usage: migrateops", "plan", "apply", "lint", "Exit codes: 0 done");
        clearOutput();
        assertThat(cli("apply", "--help")).isZero();
        assertThat(out()).contains("Usage: migrateops apply", "--to=<version>", "--break-glass=<reason>");
        clearOutput();
        assertThat(cli("help", "lint")).isZero();
        assertThat(out()).contains("Usage: migrateops lint", "--format");
        clearOutput();
        assertThat(cli("--version")).isZero();
        assertThat(out()).startsWith("migrateops ");
    }

    @Test
    void aPlanWithALintErrorNobodyAllowedExitsWithOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("20260101000000_index.sql"), "CREATE INDEX IF NOT EXISTS sales_tenant ON product_sales (tenant_id);\n");
        try (TestDatabase fresh = PostgresServer.get().createDatabase("cli_plan_lint").withDemoShop()) {
            MigrationEngine one = Engines.over(Map.of("fresh", fresh.target(dir, 0)));
            try {
                int exit = new MigrateOpsCli(one, TRACER, CAROL, CommandAudit.NONE, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)).run("plan", "fresh");
                assertThat(exit).isEqualTo(1);
                assertThat(out()).contains("ERROR index-not-concurrent at 20260101000000_index.sql:1: CREATE INDEX without CONCURRENTLY "
                        + "blocks every write to public.product_sales", "trace PASS: 1 migration tried in ");
            } finally {
                one.targets().close();
            }
        }
    }

    /** The attack of the approvals issue, as it was tried: a shell on the database host from a plan, before any approval. */
    @Test
    void aPlanOrALintOfAMigrationThatRunsAProgramRunsItNowhereAndSaysItWasNotTraced(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("shell-was-here");
        Files.writeString(dir.resolve("20260101000000_innocent.sql"), "DO $$ BEGIN EXECUTE 'CO' || 'PY (SELECT 1) TO PRO' || 'GRAM ' || "
                + "quote_literal('touch " + marker + "'); END $$;\n");
        try (TestDatabase fresh = PostgresServer.get().createDatabase("cli_plan_hostile").withDemoShop()) {
            MigrationEngine one = Engines.over(Map.of("fresh", fresh.target(dir, 0)));
            try {
                MigrateOpsCli cli = new MigrateOpsCli(one, TRACER, CAROL, CommandAudit.NONE, new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
                cli.run("plan", "fresh");
                cli.run("lint", "--target", "fresh");

                assertThat(marker).doesNotExist();
                assertThat(out()).contains("trace WARN: 20260101000000 was not traced").doesNotContain("trace PASS");
            } finally {
                one.targets().close();
            }
        }
    }

    @Test
    void anUnknownTargetExitsWithTwoAndListsTheTargets() {
        assertThat(cli("plan", "prod")).isEqualTo(2);
        assertThat(err()).contains("unknown target 'prod'; targets: dev, production, untouched");
    }

    @Test
    void planListsPendingMigrationsAndExitsWithZero() {
        assertThat(cli("plan", "untouched")).isZero();
        assertThat(out()).contains("target untouched: 0 applied, 5 pending")
                .contains("20251206090000 product_sales_indexes  no-tx (CREATE INDEX CONCURRENTLY at line 4)")
                .contains("20251206094000 product_sales_amount_numeric  tx · rollback ✗ (restore)")
                .contains("ERROR alter-column-type at 20251206094000_product_sales_amount_numeric.sql:5 (allowed: ")
                .contains("trace PASS: 5 migrations tried in ");
    }

    @Test
    void applyAndRollbackWithoutTheBotsDatabaseAreRefusedAndTouchNothing() {
        assertThat(cli("apply", "dev")).isEqualTo(2);
        assertThat(err()).contains("apply runs as a run in the bot's database", "spring.datasource.url");
        assertThat(cli("rollback", "dev", "--break-glass", "Slack is down")).isEqualTo(2);
        assertThat(err()).contains("rollback runs as a run in the bot's database");
        assertThat(engine.history("dev")).isEmpty();
    }

    @Test
    void verifyAndHistoryReadATarget() {
        assertThat(cli("verify", "dev")).isZero();
        assertThat(out()).contains("verification passed");
        assertThat(cli("history", "dev")).isZero();
        assertThat(out()).contains("dev has no migration history yet");
    }

    @Test
    void lintPassesTheExamplesAndFailsAnUnsafeFileWithTextOrJson(@TempDir Path dir) throws Exception {
        assertThat(cli("lint", "migrations")).isZero();
        assertThat(out()).contains("ERROR alter-column-type at 20251206094000_product_sales_amount_numeric.sql:5 (allowed: rewrite",
                "5 migrations: 3 errors, 0 warnings, 0 blocking");

        Files.writeString(dir.resolve("1_index.sql"), "CREATE INDEX IF NOT EXISTS sales_tenant ON sales (tenant_id);\n");
        clearOutput();
        assertThat(cli("lint", dir.toString())).isEqualTo(1);
        assertThat(out()).contains("ERROR index-not-concurrent at 1_index.sql:1", "Instead: CREATE INDEX CONCURRENTLY");

        clearOutput();
        assertThat(cli("lint", dir.toString(), "--format", "json")).isEqualTo(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
        assertThat(json.path("blocking").asInt()).isEqualTo(1);
        assertThat(json.path("findings").get(0).path("rule").asText()).isEqualTo("index-not-concurrent");
        assertThat(json.path("findings").get(0).path("location").asText()).isEqualTo("1_index.sql:1");

        assertThat(cli("lint")).isEqualTo(2);
        assertThat(cli("lint", "migrations", "--format", "xml")).isEqualTo(2);
    }

    @Test
    void lintWithTraceTriesTheDirectoryOnAnEmbeddedServerAndCatchesWhatOnlyRunningShows(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_create_orders.sql"), "CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, total int);\n");
        Files.writeString(dir.resolve("002_index_customer.sql"), "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer ON orders (customer_id);\n");
        assertThat(cli("lint", dir.toString())).isZero(); // statically fine: the column is simply not there

        clearOutput();
        assertThat(cli("lint", dir.toString(), "--trace")).isEqualTo(1);
        assertThat(out()).contains("ERROR fails-on-schema-copy at 002_index_customer.sql:1").contains("customer_id")
                .contains("trace FAIL: 002");

        clearOutput();
        assertThat(cli("lint", "migrations", "--trace", "--schema", "migrations/demo/schema.sql")).isZero();
        assertThat(out()).contains("5 migrations").contains("trace PASS").doesNotContain("fails-on-schema-copy");

        assertThat(cli("lint", dir.toString(), "--schema", "migrations/demo/schema.sql")).isEqualTo(2);
        assertThat(cli("lint", "--target", "dev", "--trace")).isEqualTo(2);
    }

    @Test
    void lintReportsFilesItCannotReadAsFindingsAndJsonStaysJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("20260101000000_commits.sql"), "ALTER TABLE a ADD COLUMN b text;\nCOMMIT;\nBEGIN;\n"
                + "ALTER TABLE a ADD COLUMN c text;\n");
        Files.writeString(dir.resolve("20260101000001_unterminated.sql"), "CREATE TABLE x (id int);\nSELECT 'never closed;\n");
        Files.writeString(dir.resolve("20260101000002_fine.sql"), "CREATE TABLE IF NOT EXISTS y (id int);\n");

        assertThat(cli("lint", dir.toString(), "--format=json")).isEqualTo(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out());
        assertThat(json.path("blocking").asInt()).isEqualTo(2);
        assertThat(json.path("findings").findValuesAsText("location"))
                .contains("20260101000000_commits.sql:2", "20260101000001_unterminated.sql");
        assertThat(json.path("findings").findValuesAsText("rule")).containsOnly("unreadable-migration");

        clearOutput();
        assertThat(cli("lint", dir.resolve("missing").toString(), "--format", "json")).isEqualTo(1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out()).path("findings").get(0).path("why").asText())
                .contains("does not exist");
    }

    @Test
    void lintAgainstATargetWeighsTheLiveTableSize(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_index.sql"), "CREATE INDEX IF NOT EXISTS users_email ON users (email);\n");
        untouched.execute("ANALYZE users");
        assertThat(cli("lint", dir.toString(), "--target", "untouched")).isZero();
        assertThat(out()).contains("WARNING index-not-concurrent at 1_index.sql:1", "1 warning, 0 blocking");
    }

    @Test
    void theLauncherBootsTheApplicationFromPropertiesAndReturnsTheExitCode() {
        String[] args = {"plan", "staging",
                "--migrateops.targets.staging.jdbc-url=" + dev.jdbcUrl(),
                "--migrateops.targets.staging.username=" + PostgresServer.get().user(),
                "--migrateops.targets.staging.password=" + (PostgresServer.get().password() == null ? "" : PostgresServer.get().password()),
                "--migrateops.targets.staging.migrations-dir=migrations"};
        assertThat(CommandLineLauncher.isCommand(args)).isTrue();
        assertThat(CommandLineLauncher.run(args)).isZero();
        assertThat(CommandLineLauncher.run(new String[] {"plan", "nowhere"})).isEqualTo(2);
    }

    @Test
    void helpVersionAndLintWithoutATargetNeverStartTheApplication() {
        // a store that cannot be reached: the application would fail to start, so these never start it
        String unreachable = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere";
        assertThat(CommandLineLauncher.isCommand(new String[] {"--help"})).isTrue();
        assertThat(CommandLineLauncher.isCommand(new String[] {"--frobnicate=1"})).isTrue();
        assertThat(CommandLineLauncher.isCommand(new String[] {"--server.port=8080"})).isFalse();
        assertThat(CommandLineLauncher.isCommand(new String[] {"--sandbox", "--debug"})).isFalse();
        assertThat(CommandLineLauncher.run(new String[] {"--help", unreachable})).isZero();
        assertThat(CommandLineLauncher.run(new String[] {"--version", unreachable})).isZero();
        assertThat(CommandLineLauncher.run(new String[] {"lint", "migrations", unreachable})).isZero();
        assertThat(CommandLineLauncher.run(new String[] {"lint", "migrations", "--frobnicate", unreachable})).isEqualTo(2);
    }
}
