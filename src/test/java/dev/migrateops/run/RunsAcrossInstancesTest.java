package dev.migrateops.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.support.BotProcess;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.FakeSlackApi;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.SignedSlackRequests;
import dev.migrateops.support.SignedSlackRequests.User;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two bot instances as real processes on one store, as a rolling deploy runs them: a starting instance
 * leaves the other's run alone, a cancel sent to either reaches the one applying, and when the applying
 * instance is killed (SIGKILL) the other takes the run over once its lease runs out, ending the dead
 * instance's session on the target first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsAcrossInstancesTest {

    static final String SECRET = "instances-signing-secret";
    static final User ALICE = new User("U0ALICE", "alice");
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Holds an ACCESS EXCLUSIVE lock on product_sales, in one transaction, until the test opens the gate. */
    static final String SLOW_MIGRATION = """
            ALTER TABLE product_sales ADD COLUMN IF NOT EXISTS note text;
            DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM release_gate) LOOP PERFORM pg_sleep(0.2); END LOOP; END $$;
            """;

    private final FakeSlackApi slack = new FakeSlackApi();
    private BotStore store;
    private TestDatabase target;
    private TestDatabase guarded;
    private Path backups;
    private JdbcClient jdbc;
    private Map<String, String> settings;

    @BeforeAll
    void aStoreATargetAndTheirSettings() throws Exception {
        store = new BotStore("instances_store");
        jdbc = store.jdbc();
        target = PostgresServer.get().createDatabase("instances_target").withDemoShop();
        target.execute("CREATE TABLE release_gate (opened_at timestamptz)");
        Path migrations = Files.createDirectories(Path.of("target", "migrations-instances-" + System.nanoTime()));
        Files.writeString(migrations.resolve("20260101000000_slow_column.sql"), SLOW_MIGRATION);
        guarded = PostgresServer.get().createDatabase("instances_guarded").withDemoShop();
        guarded.execute("CREATE TABLE release_gate (opened_at timestamptz)");
        Path guardedMigrations = Files.createDirectories(Path.of("target", "migrations-guarded-" + System.nanoTime()));
        Files.writeString(guardedMigrations.resolve("20260101000000_note.sql"), "ALTER TABLE product_sales ADD COLUMN note text;");
        backups = Files.createDirectories(Path.of("target", "backups-instances-" + System.nanoTime())).toAbsolutePath();
        PostgresServer server = PostgresServer.get();
        String password = server.password() == null ? "" : server.password();
        Map<String, Object> config = Map.of("migrateops", Map.of(
                "slack", Map.of("api-base-url", slack.apiBaseUrl()),
                "backup", Map.of("dir", backups.toString()),
                "runs", Map.of("lease", "3s", "renew", "500ms"),
                "monitoring", Map.of("window", "0s"),
                "targets", Map.of("slow", Map.of("jdbc-url", target.jdbcUrl(), "username", server.user(),
                        "password", server.password() == null ? "" : server.password(), "migrations-dir", migrations.toString(),
                        // their migrations wait on a gate that only the test opens: a trace on a copy would wait too
                        "incident-channel", "C0SLOW", "approvals-required", 0, "backup", "off", "trace", "off"),
                        "guarded", Map.of("jdbc-url", guarded.jdbcUrl(), "username", server.user(), "password", password,
                        "migrations-dir", guardedMigrations.toString(), "incident-channel", "C0GUARDED", "approvals-required", 0,
                        "backup", "required", "trace", "off"))));
        settings = Map.of("SLACK_BOT_TOKEN", "test-bot-token-instances", "SLACK_SIGNING_SECRET", SECRET,
                "SPRING_DATASOURCE_URL", store.jdbcUrl(), "SPRING_DATASOURCE_USERNAME", server.user(),
                "SPRING_DATASOURCE_PASSWORD", server.password() == null ? "" : server.password(),
                "SPRING_APPLICATION_JSON", new ObjectMapper().writeValueAsString(config));
    }

    @AfterAll
    void dropThem() {
        slack.close();
        store.close();
        target.close();
        guarded.close();
    }

    /** Each test applies the slow migration afresh, behind a closed gate. */
    @BeforeEach
    void theSlowMigrationIsPendingAndItsGateClosed() {
        target.execute("DELETE FROM release_gate; DROP SCHEMA IF EXISTS migrateops CASCADE;"
                + " ALTER TABLE product_sales DROP COLUMN IF EXISTS note");
    }

    @Test
    void aSecondInstanceLeavesTheRunningOneAloneCancelsThroughItAndTakesOverWhenItIsKilled() throws Exception {
        try (BotProcess a = BotProcess.start("instance-a", settings)) {
            long first = applySlowThrough(a);

            try (BotProcess b = BotProcess.start("instance-b", settings)) {
                // a rolling deploy: B starts while A applies; for twice A's lease the run stays A's
                String workerA = worker(first);
                await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                        .until(() -> state(first) == RunState.APPLYING && workerA.equals(worker(first)));
                requests(b).slashCommand(ALICE, "C0CMD", "apply slow again");
                slack.await(() -> slack.responses().stream().filter(r -> r.contains("slow already has run #" + first)).findFirst(), WAIT);
                assertThat(jdbc.sql("SELECT count(*) FROM runs").query(Long.class).single()).isEqualTo(1);

                // cancel sent to B: A, which applies, acts on it
                requests(b).slashCommand(ALICE, "C0CMD", "cancel " + first);
                slack.await(() -> Optional.of(state(first)).filter(s -> s == RunState.FAILED), WAIT);
                assertThat(jdbc.sql("SELECT outcome FROM runs WHERE id = ?").param(first).query(String.class).single())
                        .contains("Cancelled by alice", "57014");

                // a run A applies when it is killed: B takes it over once A's lease runs out, and, the migration having
                // rolled back with A's session, applies it itself
                long second = applySlowThrough(a);
                String deadWorker = worker(second);
                a.kill();
                long killedAt = System.nanoTime();
                slack.await(() -> Optional.of(worker(second)).filter(w -> !w.equals(deadWorker)), WAIT);
                double takeover = (System.nanoTime() - killedAt) / 1e9;
                System.out.printf("SIGKILL to the run taken over by the other instance: %.1f s (lease 3 s, renewed every 0.5 s)%n",
                        takeover);
                assertThat(target.count("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'migrateops/"
                        + deadWorker + "%'")).isZero();
                slack.await(() -> Optional.of(target.count("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '%/run-"
                        + second + "' AND query LIKE '%pg_sleep%'")).filter(n -> n == 1), WAIT);

                target.execute("INSERT INTO release_gate VALUES (now())");
                slack.await(() -> Optional.of(state(second)).filter(s -> s == RunState.COMPLETED), WAIT);
                assertThat(target.column("SELECT run_id || ' ' || success FROM migrateops.schema_history"
                        + " WHERE version = '20260101000000'")).containsExactly(second + " true");
                assertThat(target.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'product_sales'"
                        + " AND column_name = 'note'")).containsExactly("note");
                assertThat(jdbc.sql("SELECT action FROM audit_events WHERE run_id = ? ORDER BY id").param(second)
                        .query(String.class).list()).containsSubsequence("step.applying", "run.resumed", "statement.executed",
                        "step.verifying", "run.completed");
                assertThat(slack.await(() -> slack.delivered("chat.postMessage", c -> c.param("text").contains("applies what is left"))
                        .stream().findFirst(), WAIT).param("text")).contains("run #" + second).doesNotContain("test-bot-token");
                assertThat(b.alive()).isTrue();
            }
        }
    }

    /**
     * The bot is killed while its pg_dump runs (held up by a lock another session keeps): pg_dump ends with it
     * and leaves no session on the target; the other instance takes the run over, removes the half-written
     * dump, backs up again and completes the run.
     */
    @Test
    void aBotKilledDuringItsBackupLeavesNoToolNorFileBehindAndTheOtherInstanceBacksUpAgain() throws Exception {
        String dumping = "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'migrateops/%/run-%'";
        long run;
        String deadWorker;
        try (java.sql.Connection holder = guarded.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE release_gate IN ACCESS EXCLUSIVE MODE");
            try (BotProcess a = BotProcess.start("backup-a", settings)) {
                requests(a).slashCommand(ALICE, "C0CMD", "apply guarded backed up first");
                run = slack.await(() -> jdbc.sql("SELECT id FROM runs WHERE target = 'guarded' AND state = 'BACKUP'")
                        .query(Long.class).optional(), WAIT);
                slack.await(() -> Optional.of(guarded.count(dumping)).filter(n -> n == 1), WAIT);
                deadWorker = worker(run);
                a.kill();
            }
            slack.await(() -> Optional.of(guarded.count(dumping)).filter(n -> n == 0), Duration.ofSeconds(10));
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("pg_dump")
                    && p.info().commandLine().orElse("").contains(guarded.name()))).as("no pg_dump outlives the bot").isEmpty();
            try (var left = Files.list(Path.of("target", "tmp"))) {
                assertThat(left.map(f -> f.getFileName().toString())).as("nor a file of its errors").noneMatch(f -> f.startsWith("migrateops-pg"));
            }

            try (BotProcess b = BotProcess.start("backup-b", settings)) {
                slack.await(() -> Optional.of(worker(run)).filter(w -> !w.equals(deadWorker)), WAIT);
                holder.rollback();
                slack.await(() -> Optional.of(state(run)).filter(s -> s == RunState.COMPLETED), WAIT);
            }
        }
        assertThat(jdbc.sql("SELECT action FROM audit_events WHERE run_id = ? ORDER BY id").param(run).query(String.class).list())
                .containsSubsequence("step.backup", "run.resumed", "step.backup", "backup.verified", "step.applying", "run.completed");
        List<String> registered = jdbc.sql("SELECT unnest(ARRAY[path, schema_path]) FROM backups WHERE run_id = ?").param(run)
                .query(String.class).list();
        try (var files = Files.walk(backups)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.toAbsolutePath().toString()))
                    .as("only the backup the run registered stays").containsExactlyInAnyOrderElementsOf(registered);
        }
        assertThat(PostgresServer.get().databasesNamedLike("migrateops_scratch_run" + run + "_%")).isZero();
    }

    /**
     * The bot's store goes away while a migration holds its lock (a failover: connections refused and the
     * open ones dropped). Slack is still answered at once, nothing asked during the outage is acted on
     * later, and the run, paused at its next write, carries on when the store is back: its statement
     * finished on the target during the outage, so it is recorded once, never applied again.
     */
    @ParameterizedTest(name = "a store outage of {0} s")
    @ValueSource(ints = {30, 90})
    void whileTheStoreIsAwayTheRunPausesAndCarriesOnWhenItIsBack(int outageSeconds) throws Exception {
        try (BotProcess bot = BotProcess.start("outage-" + outageSeconds, settings)) {
            long run = applySlowThrough(bot);

            store.database().acceptConnections(false);
            long awayAt = System.nanoTime();
            target.execute("INSERT INTO release_gate VALUES (now())");
            List<Double> helpAcks = new ArrayList<>();
            List<Double> applyAcks = new ArrayList<>();
            while (System.nanoTime() - awayAt < Duration.ofSeconds(outageSeconds).toNanos()) {
                assertThat(timed(helpAcks, () -> requests(bot).slashCommand(ALICE, "C0CMD", "help")).body())
                        .contains("/migrate apply");
                assertThat(timed(applyAcks, () -> requests(bot).slashCommand(ALICE, "C0CMD", "apply slow during the outage")).body())
                        .contains("cannot reach its database right now; nothing was done");
                Thread.sleep(500);
            }
            store.database().acceptConnections(true);

            slack.await(() -> Optional.of(state(run)).filter(s -> s == RunState.COMPLETED), Duration.ofSeconds(60));
            System.out.printf("store away %d s while applying: help acks %s; apply acks %s%n", outageSeconds, spread(helpAcks),
                    spread(applyAcks));
            assertThat(jdbc.sql("SELECT count(*) FROM runs WHERE id > ?").param(run).query(Long.class).single())
                    .as("nothing asked while the store was away is acted on later").isZero();
            assertThat(target.column("SELECT run_id || ' ' || success FROM migrateops.schema_history"
                    + " WHERE version = '20260101000000'")).containsExactly(run + " true");
            assertThat(jdbc.sql("SELECT action FROM audit_events WHERE run_id = ? ORDER BY id").param(run)
                    .query(String.class).list()).containsSubsequence("step.applying", "statement.executed",
                    "migration.applied", "step.verifying", "run.completed").doesNotContain("run.resumed", "run.interrupted");
            String card = jdbc.sql("SELECT ts FROM slack_cards WHERE run_id = ?").param(run).query(String.class).single();
            List<String> thread = slack.await(() -> Optional.of(FakeSlackApi.texts(slack.delivered("chat.postMessage",
                    c -> card.equals(c.param("thread_ts"))))).filter(texts -> texts.stream().anyMatch(t -> t.contains("Completed"))), WAIT);
            assertThat(thread).as("every message of the run goes out once").doesNotHaveDuplicates();
        }
    }

    private static String spread(List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format("n %d, p50 %.0f ms, p99 %.0f ms, max %.0f ms", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
    }

    private static HttpResponse<String> timed(List<Double> millis, Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        millis.add((System.nanoTime() - start) / 1e6);
        return response;
    }

    /** Asks for the slow migration through an instance and waits until that instance is applying it. */
    private long applySlowThrough(BotProcess bot) {
        long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM runs").query(Long.class).single();
        requests(bot).slashCommand(ALICE, "C0CMD", "apply slow holds the lock");
        long run = slack.await(() -> jdbc.sql("SELECT id FROM runs WHERE id > ? AND state = 'APPLYING'").param(before)
                .query(Long.class).optional(), WAIT);
        slack.await(() -> Optional.of(target.count("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '%/run-" + run
                + "' AND query LIKE '%pg_sleep%'")).filter(n -> n == 1), WAIT);
        return run;
    }

    private SignedSlackRequests requests(BotProcess bot) {
        return new SignedSlackRequests(bot.slackEndpoint(), SECRET, slack);
    }

    private RunState state(long runId) {
        return RunState.valueOf(jdbc.sql("SELECT state FROM runs WHERE id = ?").param(runId).query(String.class).single());
    }

    private String worker(long runId) {
        return jdbc.sql("SELECT worker_id FROM runs WHERE id = ?").param(runId).query(String.class).single();
    }
}
