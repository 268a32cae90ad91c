package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.ApplyOutcome;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.ScriptOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures issue 2 asks for. Run with {@code mvn -B test -Pbenchmark}; results are appended to
 * {@code target/benchmarks.txt}. Needs psql and pgbench on the PATH.
 */
@Tag("benchmark")
class ApplyBenchmark {

    private static final Path EXAMPLES = Path.of("migrations");
    private static final Path OUT = Path.of("target", "benchmarks");
    private static final String INDEX_MIGRATION = "20251206090000_product_sales_indexes.sql";

    @Test
    void applyTimeOfTheExampleSetOnAMillionRowTableAgainstPlainPsql() throws Exception {
        List<Path> upFiles = new MigrationReader().read(EXAMPLES).migrations().stream()
                .map(m -> EXAMPLES.resolve(m.up().file())).toList();
        for (int round = 1; round <= 2; round++) {
            // the database loaded last has the warmer cache: swap the order in round 2 so that it cancels
            TestDatabase first = millionRowShop("bench_first");
            TestDatabase second = millionRowShop("bench_second");
            try (TestDatabase viaPsql = round == 1 ? first : second; TestDatabase viaBot = round == 1 ? second : first) {
                checkpoint(viaPsql);
                Duration psql = ExternalCommand.run(viaPsql, ExternalCommand.psqlFiles(viaPsql, upFiles), log("psql-apply.log"));
                checkpoint(viaBot);
                MigrationEngine engine = Engines.over(Map.of("bot", viaBot.target(EXAMPLES, 0)));
                ApplyTimer timer = new ApplyTimer();
                long start = System.nanoTime();
                ApplyOutcome outcome = engine.apply("bot", ApplyRequest.by("benchmark"), timer);
                Duration total = Duration.ofNanos(System.nanoTime() - start);
                engine.targets().close();
                assertThat(outcome.success()).isTrue();
                report(String.format("apply, 1,000,000 rows, round %d (" + (round == 1 ? "psql's database loaded first"
                                : "MigrateOps' database loaded first") + "): psql -f %d ms; MigrateOps apply %d ms (ratio %.3f),"
                                + " with plan + row-count snapshot + verification %d ms (ratio %.3f)",
                        round, psql.toMillis(), timer.applying.toMillis(), ratio(timer.applying, psql), total.toMillis(),
                        ratio(total, psql)));
            }
        }
    }

    @Test
    void liveInsertLatencyWhileTheIndexMigrationRuns() throws Exception {
        Path index = EXAMPLES.resolve(INDEX_MIGRATION);
        Path blocking = OUT.resolve("index-without-concurrently.sql");
        Files.createDirectories(OUT);
        Files.writeString(blocking, Files.readString(index).replace("CONCURRENTLY ", ""));

        try (TestDatabase db = millionRowShop("live_idx_psql")) {
            Duration[] took = new Duration[1];
            InsertLatencies latencies = underInsertLoad(db, "idx-psql", 15, () ->
                    took[0] = ExternalCommand.run(db, ExternalCommand.psqlFiles(db, List.of(index)), log("idx-psql.log")));
            report("index migration (CONCURRENTLY), psql -f: " + latencies.describe() + "; migration " + took[0].toMillis() + " ms");
        }
        try (TestDatabase db = millionRowShop("live_idx_bot")) {
            Duration[] took = new Duration[1];
            InsertLatencies latencies = underInsertLoad(db, "idx-bot", 15, () -> took[0] = viaMigrateOps(db, index));
            report("index migration (CONCURRENTLY), MigrateOps: " + latencies.describe() + "; migration " + took[0].toMillis() + " ms");
        }
        try (TestDatabase db = millionRowShop("live_idx_plain")) {
            Duration[] took = new Duration[1];
            InsertLatencies latencies = underInsertLoad(db, "idx-plain", 15, () ->
                    took[0] = ExternalCommand.run(db, ExternalCommand.psqlFiles(db, List.of(blocking)), log("idx-plain.log")));
            report("same indexes WITHOUT CONCURRENTLY, psql -f (for contrast): " + latencies.describe()
                    + "; migration " + took[0].toMillis() + " ms");
        }
    }

    @Test
    void liveInsertLatencyWhenAnAddColumnWaitsBehindAFifteenSecondReader() throws Exception {
        Files.createDirectories(OUT);
        Path addColumn = OUT.resolve("20251206095000_add_note.sql");
        Files.writeString(addColumn, "ALTER TABLE product_sales ADD COLUMN note text;\n");
        try (TestDatabase db = millionRowShop("live_col_psql")) {
            Duration[] took = new Duration[1];
            InsertLatencies latencies = underInsertLoad(db, "col-psql", 25, () -> {
                Thread reader = longReader(db);
                took[0] = ExternalCommand.run(db, ExternalCommand.psqlFiles(db, List.of(addColumn)), log("col-psql.log"));
                reader.join();
            });
            report("ADD COLUMN behind a 15 s reader, psql -f: " + latencies.describe() + "; migration " + took[0].toMillis() + " ms");
        }
        try (TestDatabase db = millionRowShop("live_col_bot")) {
            Duration[] took = new Duration[1];
            InsertLatencies latencies = underInsertLoad(db, "col-bot", 25, () -> {
                Thread reader = longReader(db);
                took[0] = viaMigrateOps(db, addColumn);
                reader.join();
            });
            report("ADD COLUMN behind a 15 s reader, MigrateOps (lock_timeout 50 ms growing to 100 ms, retried): " + latencies.describe()
                    + "; migration " + took[0].toMillis() + " ms");
        }
    }

    /**
     * Issue 15's measure, in one run: inserts at 200 tx/s on a 3,000,000-row table while (a) three indexes are built
     * CONCURRENTLY and (b) an ADD COLUMN waits behind a 15 s reader — by plain psql -f, then by MigrateOps.
     */
    @Test
    void liveInsertStallsOnAThreeMillionRowTableUnderBothHazards() throws Exception {
        Files.createDirectories(OUT);
        Path indexes = OUT.resolve("20251206096000_three_indexes.sql");
        Files.writeString(indexes, """
                CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_by_status ON product_sales (status);
                CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_by_created ON product_sales (created_at);
                CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_by_product ON product_sales (product_name, tenant_id);
                """);
        Path addColumn = OUT.resolve("20251206095000_add_note.sql");
        Files.writeString(addColumn, "ALTER TABLE product_sales ADD COLUMN note text;\n");
        List<String> lines = new ArrayList<>();
        for (boolean bot : new boolean[] {false, true}) {
            String how = bot ? "MigrateOps" : "psql -f";
            try (TestDatabase db = shop("live3m_idx_" + (bot ? "bot" : "psql"), 3_000_000)) {
                Duration[] took = new Duration[1];
                InsertLatencies latencies = underInsertLoad(db, "3m-idx-" + bot, 40, () -> took[0] = bot ? viaMigrateOps(db, indexes)
                        : ExternalCommand.run(db, ExternalCommand.psqlFiles(db, List.of(indexes)), log("3m-idx-psql.log")));
                lines.add("(a) three CONCURRENTLY index builds, " + how + ": " + latencies.describe() + "; migration "
                        + took[0].toMillis() + " ms");
            }
            try (TestDatabase db = shop("live3m_col_" + (bot ? "bot" : "psql"), 3_000_000)) {
                Duration[] took = new Duration[1];
                InsertLatencies latencies = underInsertLoad(db, "3m-col-" + bot, 25, () -> {
                    Thread reader = longReader(db);
                    took[0] = bot ? viaMigrateOps(db, addColumn)
                            : ExternalCommand.run(db, ExternalCommand.psqlFiles(db, List.of(addColumn)), log("3m-col-psql.log"));
                    reader.join();
                });
                lines.add("(b) ADD COLUMN behind a 15 s reader, " + how + ": " + latencies.describe() + "; migration "
                        + took[0].toMillis() + " ms");
            }
        }
        for (String line : lines) {
            report("3,000,000 rows, 200 inserts/s: " + line);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** pgbench inserts at 200 tx/s from 4 clients; the work starts 2 s in. */
    private static InsertLatencies underInsertLoad(TestDatabase db, String label, int seconds, Work work) throws Exception {
        Files.createDirectories(OUT);
        Path script = OUT.resolve("insert.sql");
        Files.writeString(script, "INSERT INTO product_sales (tenant_id, product_name, status, quantity, amount)"
                + " VALUES (1, 'product 1', 'completed', 1, 9.99);\n");
        String prefix = "pgbench-" + label;
        try (var old = Files.list(OUT)) {
            for (Path f : old.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(f);
            }
        }
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-f", script.toString(), "-R", "200", "-c", "4",
                "-j", "2", "-T", String.valueOf(seconds), "--log", "--log-prefix=" + OUT.resolve(prefix).toAbsolutePath()));
        command.addAll(ExternalCommand.connectionArgs(db));
        command.add(db.name());
        Path log = log(label + "-pgbench.log");
        Process pgbench = ExternalCommand.start(db, command, log);
        Thread.sleep(2000);
        work.run();
        ExternalCommand.await(pgbench, command, log);
        return InsertLatencies.read(OUT, prefix);
    }

    private static Duration viaMigrateOps(TestDatabase db, Path migration) throws Exception {
        Path dir = Files.createTempDirectory("bench-migrations");
        Files.copy(migration, dir.resolve(migration.getFileName()));
        MigrationEngine engine = Engines.over(Map.of("bot", db.target(dir, 0)));
        try {
            long start = System.nanoTime();
            ApplyOutcome outcome = engine.apply("bot", ApplyRequest.by("benchmark"), ApplyListener.NONE);
            assertThat(outcome.success()).isTrue();
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            engine.targets().close();
        }
    }

    /** A report query that holds its ACCESS SHARE lock on product_sales for 15 s. */
    private static Thread longReader(TestDatabase db) throws InterruptedException {
        Thread reader = new Thread(() -> {
            try (Connection conn = db.connect(); Statement st = conn.createStatement()) {
                conn.setAutoCommit(false);
                st.execute("SELECT count(*) FROM product_sales");
                st.execute("SELECT pg_sleep(15)");
                conn.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reader.start();
        Thread.sleep(500);
        return reader;
    }

    private static TestDatabase millionRowShop(String purpose) throws Exception {
        return shop(purpose, 1_000_000);
    }

    /** The demo shop with {@code rows} sales (it ships with 10,000). */
    private static TestDatabase shop(String purpose, int rows) throws Exception {
        TestDatabase db = PostgresServer.get().createDatabase(purpose).withDemoShop();
        db.execute("INSERT INTO product_sales (tenant_id, product_name, status, quantity, amount, created_at)"
                + " SELECT 1 + g % 3, 'product ' || (1 + g % 50), (ARRAY['completed', 'refunded', 'pending'])[1 + g % 3],"
                + " 1 + g % 5, (1 + g % 5) * (1 + (g * 7 % 100) / 4.0), timestamptz '2025-01-01' + g * interval '1 minute'"
                + " FROM generate_series(1, " + (rows - 10_000) + ") g");
        db.execute("VACUUM ANALYZE product_sales");
        assertThat(db.count("SELECT count(*) FROM product_sales")).isEqualTo(rows);
        return db;
    }

    private static void checkpoint(TestDatabase db) {
        db.execute("CHECKPOINT");
    }

    private static Path log(String name) throws Exception {
        Files.createDirectories(OUT);
        return OUT.resolve(name);
    }

    private static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / b.toNanos();
    }

    private static void report(String line) throws Exception {
        System.out.println("BENCHMARK " + line);
        Files.writeString(Path.of("target", "benchmarks.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Time from the first migration's start to the last one's end: the apply itself. */
    private static final class ApplyTimer implements ApplyListener {
        private long first;
        private Duration applying = Duration.ZERO;

        @Override
        public void migrationStarted(Migration migration) {
            if (first == 0) {
                first = System.nanoTime();
            }
        }

        @Override
        public void migrationFinished(Migration migration, ScriptOutcome outcome) {
            applying = Duration.ofNanos(System.nanoTime() - first);
        }
    }
}
