package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.config.ApplyProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.Engines;
import dev.migrateops.support.ReplicatedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaPacingTest {

    @Test
    void theNextStatementWaitsUntilTheLaggingReplicaHasReplayedTheOneBeforeAndSaysSo(@TempDir Path migrations) throws Exception {
        try (ReplicatedPostgres servers = ReplicatedPostgres.start("2s")) {
            servers.executeOnPrimary("CREATE TABLE sales (id int, tenant int, note text);"
                    + " INSERT INTO sales SELECT g, g % 10, 'n' FROM generate_series(1, 20000) g");
            // the first build waits a second for a writer: the replica, holding back its commit 2 s, falls behind meanwhile
            java.sql.Connection writer = servers.primary();
            writer.setAutoCommit(false);
            writer.createStatement().execute("INSERT INTO sales VALUES (0, 0, 'open')");
            Thread commitsLater = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    writer.commit();
                    writer.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Files.writeString(migrations.resolve("20260101000000_sales_indexes.sql"),
                    "CREATE INDEX CONCURRENTLY sales_tenant_idx ON sales (tenant);\nCREATE INDEX CONCURRENTLY sales_note_idx ON sales (note);\n");
            // lock waits of 5 s: the first build waits out the writer in one attempt
            ApplyProperties lagLimit500ms = new ApplyProperties(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(1),
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO, Duration.ofMillis(500));
            MigrationEngine engine = Engines.over(Map.of("shop",
                    TargetProperties.of(servers.primaryUrl(), "postgres", null, migrations, "C0", 0)), lagLimit500ms);
            List<Progress> told = new CopyOnWriteArrayList<>();
            List<Boolean> firstIndexOnReplicaWhenDone = new CopyOnWriteArrayList<>();
            ApplyListener listener = new ApplyListener() {
                @Override
                public void progressed(String version, Progress progress) {
                    told.add(progress);
                    if (progress.finished()) {
                        firstIndexOnReplicaWhenDone.add(onReplica(servers, "sales_tenant_idx"));
                    }
                }

                @Override
                public void migrationStarted(Migration migration) {
                }
            };

            commitsLater.start();
            ApplyOutcome outcome = engine.apply("shop", ApplyRequest.by("alice"), listener);
            commitsLater.join();

            assertThat(outcome.apply().success()).isTrue();
            assertThat(told).isNotEmpty().allSatisfy(p -> {
                assertThat(p.work()).isEqualTo(Progress.Work.REPLICA_WAIT);
                assertThat(p.subject()).isEqualTo("walreceiver");
            });
            assertThat(told.get(0).describe()).startsWith("waiting for walreceiver to catch up: ").contains("behind (limit 500 ms");
            assertThat(told.get(told.size() - 1).finished()).isTrue();
            assertThat(firstIndexOnReplicaWhenDone).containsExactly(true);
            engine.targets().close();
        }
    }

    private static boolean onReplica(ReplicatedPostgres servers, String index) {
        try (var conn = servers.replica(); var st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + index + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void walPositionsAreComparedAsNumbersNotAsText() {
        assertThat(ReplicaPacing.compare("16/B374D848", "9/FFFFFFFF")).isPositive();
        assertThat(ReplicaPacing.compare("0/3000060", "0/3000060")).isZero();
        assertThat(ReplicaPacing.compare("0/2FFFFFF", "0/3000000")).isNegative();
    }
}
