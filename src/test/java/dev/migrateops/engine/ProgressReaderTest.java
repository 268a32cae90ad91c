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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProgressReaderTest {

    @Test
    void aConcurrentIndexBuildWaitingForAWriterIsInPhaseTwoOfSixUnderItsOwnName() throws Exception {
        try (TestDatabase db = PostgresServer.get().createDatabase("progress_index");
             Connection writer = db.connect(); Connection builder = db.connect()) {
            db.execute("CREATE TABLE sales (id int, note text)");
            db.execute("INSERT INTO sales SELECT g, 'n' || g FROM generate_series(1, 1000) g");
            MigrationEngine engine = Engines.over(Map.of("shop", db.target(Path.of("migrations"), 0)));
            writer.setAutoCommit(false);
            writer.createStatement().execute("INSERT INTO sales VALUES (0, 'open')");
            int builderPid = Sessions.pid(builder);
            CompletableFuture<Void> building = CompletableFuture.runAsync(() -> execute(builder,
                    "CREATE INDEX CONCURRENTLY sales_note_idx ON sales (note)"));

            Progress progress = await().atMost(Duration.ofSeconds(10)).until(() -> engine.progressOf("shop", builderPid),
                    p -> p.filter(x -> x.phaseNumber() == 2).isPresent()).orElseThrow();

            assertThat(progress.work()).isEqualTo(Progress.Work.INDEX_BUILD);
            assertThat(progress.subject()).isEqualTo("sales_note_idx");
            assertThat(progress.phase()).isEqualTo("waiting for writers before build");
            assertThat(progress.phases()).isEqualTo(6);
            assertThat(progress.sizeBytes()).isPositive();
            assertThat(progress.describe()).startsWith("building index sales_note_idx — phase 2 of 6 (waiting for writers before build)");
            writer.commit();
            building.get();
            assertThat(engine.progressOf("shop", builderPid)).isEmpty();
            engine.targets().close();
        }
    }

    @Test
    void anyOtherLongStatementIsItsRunningTimeAgainstTheSizeOfTheTableItLocked() throws Exception {
        try (TestDatabase db = PostgresServer.get().createDatabase("progress_statement"); Connection session = db.connect()) {
            db.execute("CREATE TABLE sales (id int, note text)");
            db.execute("INSERT INTO sales SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g");
            MigrationEngine engine = Engines.over(Map.of("shop", db.target(Path.of("migrations"), 0)));
            int pid = Sessions.pid(session);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> execute(session,
                    "SELECT count(*), pg_sleep(2) FROM sales"));

            Optional<Progress> progress = await().atMost(Duration.ofSeconds(10))
                    .until(() -> engine.progressOf("shop", pid), Optional::isPresent);

            assertThat(progress).get().satisfies(p -> {
                assertThat(p.work()).isEqualTo(Progress.Work.LONG_STATEMENT);
                assertThat(p.subject()).isEqualTo("SELECT count(*), pg_sleep(2) FROM sales");
                assertThat(p.sizeBytes()).isEqualTo(db.count("SELECT pg_total_relation_size('sales')"));
                assertThat(p.percent()).isEmpty();
            });
            running.get();
            engine.targets().close();
        }
    }

    @Test
    void aCreateIndexWithoutAnIndexToLookUpIsNamedFromItsStatement() {
        assertThat(ProgressReader.indexNamed("CREATE UNIQUE INDEX IF NOT EXISTS \"Sales_Idx\" ON sales (id)")).isEqualTo("\"Sales_Idx\"");
        assertThat(ProgressReader.indexNamed("create index concurrently public.sales_idx on sales (id)")).isEqualTo("public.sales_idx");
    }

    private static void execute(Connection conn, String sql) {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
