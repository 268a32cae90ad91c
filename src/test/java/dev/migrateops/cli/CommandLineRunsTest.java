package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply and rollback on the command line are runs in the bot's database, through the same steps as a run
 * requested in Slack: each test starts the command line as {@code java -jar} would, with its settings as
 * arguments, against real targets and a real store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineRunsTest {

    private static final String PASSWORD = PostgresServer.get().password() == null ? "" : PostgresServer.get().password();

    private TestDatabase store;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void aStoreForAllOfThem() {
        store = PostgresServer.get().createDatabase("cli_runs_store");
    }

    @AfterAll
    void dropIt() {
        store.close();
    }

    /** Runs the command line with the store and the given targets' settings. */
    private int cli(List<String> settings, String... command) {
        out.reset();
        err.reset();
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(settings);
        args.addAll(List.of("--spring.datasource.url=" + store.jdbcUrl(), "--spring.datasource.username=" + PostgresServer.get().user(),
                "--spring.datasource.password=" + PASSWORD));
        int exit = CommandLineLauncher.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return exit;
    }

    private static List<String> target(String name, TestDatabase db, Path migrations, int approvals, String backup) {
        String prefix = "--migrateops.targets." + name + ".";
        return List.of(prefix + "jdbc-url=" + db.jdbcUrl(), prefix + "username=" + PostgresServer.get().user(),
                prefix + "password=" + PASSWORD, prefix + "migrations-dir=" + migrations, prefix + "approvals-required=" + approvals,
                prefix + "backup=" + backup, prefix + "monitoring-window=0s", prefix + "incident-channel=C0INCIDENTS",
                prefix + "approvers[0]=U0BOB");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> auditActions(String target) {
        return store.column("SELECT a.action FROM audit_events a LEFT JOIN runs r ON r.id = a.run_id"
                + " WHERE r.target = '" + target + "' OR a.details ->> 'action' LIKE '% " + target + "' ORDER BY a.id");
    }

    @Test
    void applyTakesAVerifiedBackupChecksAppliesAndVerifiesAsARunAndRecordsEveryStep(@TempDir Path backups) {
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_backed_up").withDemoShop()) {
            List<String> settings = new ArrayList<>(target("backedup", db, Path.of("migrations"), 0, "required"));
            settings.add("--migrateops.backup.dir=" + backups);

            assertThat(cli(settings, "apply", "backedup", "--to=20251206091000")).isZero();

            assertThat(out()).contains("▶ pre-checks", "✓ pre-checks passed", "▶ backup", "✓ backup verified",
                    "▶ 20251206090000 product_sales_indexes", "✓ 20251206091000 applied", "✓ verification passed", "completed");
            assertThat(store.column("SELECT state || ' ' || requester_id FROM runs WHERE target = 'backedup'"))
                    .singleElement().asString().startsWith("COMPLETED cli:");
            assertThat(db.column("SELECT version || ' ' || run_id FROM migrateops.schema_history ORDER BY version"))
                    .containsExactly("20251206090000 " + runId("backedup"), "20251206091000 " + runId("backedup"));
            assertThat(store.count("SELECT count(*) FROM backups WHERE target = 'backedup' AND verified_at IS NOT NULL")).isEqualTo(1);
            assertThat(auditActions("backedup")).contains("run.requested", "run.approved", "step.prechecks", "step.backup",
                    "backup.taken", "backup.verified", "step.applying", "statement.executed", "step.verifying", "verify.result", "run.completed");
        }
    }

    /** The versions in the target's history; none where the history was never even created. */
    private static List<String> applied(TestDatabase db) {
        return db.column("SELECT to_regclass('migrateops.schema_history') IS NOT NULL").get(0).equals("t")
                ? db.column("SELECT version FROM migrateops.schema_history ORDER BY version") : List.of();
    }

    private String runId(String target) {
        return store.column("SELECT max(id)::text FROM runs WHERE target = '" + target + "'").get(0);
    }

    @Test
    void aTargetThatNeedsApprovalIsChangedOnlyWithBreakGlassWhoseReasonIsShownAndAudited() {
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_guarded").withDemoShop()) {
            List<String> settings = target("guarded", db, Path.of("migrations"), 2, "off");

            assertThat(cli(settings, "apply", "guarded")).isEqualTo(2);
            assertThat(err()).contains("guarded requires 2 approvals", "--break-glass");
            assertThat(applied(db)).isEmpty();
            assertThat(store.count("SELECT count(*) FROM runs WHERE target = 'guarded'")).isZero();

            assertThat(cli(settings, "apply", "guarded", "--to", "20251206090000", "--break-glass", "Slack is down, INC-4711")).isZero();
            assertThat(out()).contains("BREAK-GLASS: 2 approvals waived by", "Slack is down, INC-4711");
            assertThat(db.column("SELECT reason FROM migrateops.schema_history")).containsExactly("break-glass: Slack is down, INC-4711");
            assertThat(store.column("SELECT action || ' ' || (details ->> 'reason') FROM audit_events WHERE action LIKE '%break_glass'"))
                    .containsExactly("run.break_glass Slack is down, INC-4711");
            assertThat(store.column("SELECT action FROM audit_events WHERE action = 'refused.apply'")).isNotEmpty();
        }
    }

    @Test
    void lintErrorsStopTheRunUnlessSomeoneAcceptsThemWithAReason(@TempDir Path migrations) throws IOException {
        Files.writeString(migrations.resolve("20260101000000_sales_index.sql"), "CREATE INDEX sales_tenant ON product_sales (tenant_id);\n");
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_linted").withDemoShop()) {
            List<String> settings = target("linted", db, migrations, 0, "off");

            assertThat(cli(settings, "apply", "linted")).isEqualTo(1);
            assertThat(err()).contains("1 lint error blocks this run", "ERROR index-not-concurrent at 20260101000000_sales_index.sql:1",
                    "--allow-lint");
            assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'sales_tenant'")).isZero();

            assertThat(cli(settings, "apply", "linted", "--allow-lint", "sales is empty at this hour")).isZero();
            assertThat(out()).contains("accepted 1 lint error: sales is empty at this hour");
            assertThat(db.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'sales_tenant'")).isOne();
            assertThat(auditActions("linted")).contains("lint.overridden");
        }
    }

    @Test
    void aCheckThatFindsRowsStopsTheRunBeforeAnythingIsApplied(@TempDir Path migrations) throws IOException {
        Files.writeString(migrations.resolve("20260101000000_unique_sku.sql"), "ALTER TABLE product_master ADD CONSTRAINT product_master_name_key UNIQUE (name);\n");
        Files.writeString(migrations.resolve("20260101000000_unique_sku.check.sql"),
                "SELECT name, count(*) FROM product_master GROUP BY name HAVING count(*) > 1;\n");
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_checked").withDemoShop()) {
            db.execute("INSERT INTO product_master (tenant_id, name, price) SELECT tenant_id, name, price FROM product_master LIMIT 1");
            List<String> settings = target("checked", db, migrations, 0, "off");

            assertThat(cli(settings, "apply", "checked", "--allow-lint", "product_master is small")).isEqualTo(1);

            assertThat(out()).contains("✗ pre-checks failed").contains("FAILED: Pre-checks failed — nothing was applied");
            assertThat(err()).contains(": FAILED");
            assertThat(applied(db)).isEmpty();
        }
    }

    @Test
    void jsonPrintsOneObjectPerEventAndLine() throws IOException {
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_json").withDemoShop()) {
            assertThat(cli(target("json", db, Path.of("migrations"), 0, "off"), "apply", "json", "--to", "20251206090000",
                    "--format", "json")).isZero();

            List<JsonNode> events = new ArrayList<>();
            for (String line : out().strip().split("\n")) {
                events.add(new ObjectMapper().readTree(line));
            }
            assertThat(events).extracting(e -> e.path("event").asText())
                    .startsWith("Requested", "Approved", "StepStarted", "PreChecksDone").contains("Verified").endsWith("Completed");
            assertThat(events).extracting(e -> e.path("run").asLong()).containsOnly(Long.parseLong(runId("json")));
        }
    }

    @Test
    void rollbackUndoesTheLatestRunByItsDownScriptsAndARestoreNeedsBreakGlass(@TempDir Path backups) {
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_undone").withDemoShop()) {
            List<String> settings = new ArrayList<>(target("undone", db, Path.of("migrations"), 0, "required"));
            settings.add("--migrateops.backup.dir=" + backups);
            assertThat(cli(settings, "apply", "undone", "--to", "20251206091000")).isZero();

            assertThat(cli(settings, "rollback", "undone", "--restore")).isEqualTo(2);
            assertThat(err()).contains("restores a backup of undone", "--break-glass");

            assertThat(cli(settings, "rollback", "undone")).isZero();
            assertThat(out()).contains("rolled back: 20251206091000");
            assertThat(applied(db)).isEmpty();
            assertThat(store.column("SELECT state FROM runs WHERE target = 'undone'")).containsExactly("ROLLED_BACK");

            assertThat(cli(settings, "rollback", "undone", "--run", "999999")).isEqualTo(2);
            assertThat(err()).contains("run #999999");
        }
    }

    /** CI with no bot: the window a command-line run leaves open is closed from the command line; a re-run succeeds. */
    @Test
    void aPipelineReRunWithNothingPendingSucceedsAndARunLeftMonitoringIsClosedOrCancelledFromTheCommandLine() {
        try (TestDatabase db = PostgresServer.get().createDatabase("cli_runs_ci").withDemoShop()) {
            List<String> settings = new ArrayList<>(target("ci", db, Path.of("migrations"), 0, "off").stream()
                    .map(s -> s.replace("monitoring-window=0s", "monitoring-window=2h")).toList());
            assertThat(cli(settings, "apply", "ci", "--to", "20251206090000")).isZero();
            long run = Long.parseLong(store.column("SELECT id FROM runs WHERE target = 'ci'").get(0));
            assertThat(store.column("SELECT state FROM runs WHERE id = " + run)).containsExactly("MONITORING");

            assertThat(cli(settings, "apply", "ci", "--to", "20251206090000")).isZero();
            assertThat(err()).contains("nothing pending on ci: it is up to date").doesNotContain("refused");
            assertThat(cli(settings, "apply", "ci")).isEqualTo(1);
            assertThat(err()).contains("ci already has run #" + run + " (MONITORING");

            assertThat(cli(settings, "close", String.valueOf(run))).isZero();
            assertThat(out()).contains("run #" + run + ": COMPLETED");
            assertThat(cli(settings, "close", String.valueOf(run))).isEqualTo(1);
            assertThat(err()).contains("refused: run #" + run + " is COMPLETED: only a run being monitored can be closed");
            assertThat(cli(settings, "cancel", "999999")).isNotZero();
            assertThat(err()).contains("999999");
            assertThat(auditActions("ci")).contains("run.closed");
        }
    }
}
