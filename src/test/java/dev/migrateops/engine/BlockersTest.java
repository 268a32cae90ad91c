package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Sessions;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BlockersTest {

    @Test
    void theSessionAMigrationWaitsForIsNamedWithWhatItIsDoingButNotItsLiterals() throws Exception {
        try (TestDatabase db = PostgresServer.get().createDatabase("blockers");
             Connection report = db.connect(); Connection migration = db.connect()) {
            db.execute("CREATE TABLE sales (id int)");
            MigrationEngine engine = Engines.over(Map.of("shop", db.target(Path.of("migrations"), 0)));
            Statement holder = report.createStatement();
            holder.execute("SET application_name = 'nightly-report'");
            report.setAutoCommit(false);
            holder.execute("LOCK TABLE sales IN SHARE MODE");
            int holderPid = Sessions.pid(report);
            holder.execute("SELECT count(*) FROM sales WHERE 'hunter2' <> ''");
            int waiterPid = Sessions.pid(migration);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try (Statement st = migration.createStatement()) {
                    st.execute("ALTER TABLE sales ADD COLUMN note text");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            List<Blocker> blockers = await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.blockersOf("shop", waiterPid), found -> !found.isEmpty());

            assertThat(blockers).singleElement().satisfies(b -> {
                assertThat(b.pid()).isEqualTo(holderPid);
                assertThat(b.application()).isEqualTo("nightly-report");
                assertThat(b.state()).isEqualTo("idle in transaction");
                assertThat(b.transactionAge()).isNotNull();
                assertThat(b.query()).isEqualTo("SELECT count(*) FROM sales WHERE '…' <> '…'");
                assertThat(b.describe()).startsWith("pid " + holderPid + " (postgres, nightly-report").doesNotContain("hunter2");
            });
            report.rollback();
            waiting.get();
            engine.targets().close();
        }
    }
}
