package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.migrateops.engine.Progress;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class RestoreProgressTest {

    @Test
    void theTablesWithDataAreReadFromTheDumpsListInTheOrderTheyAreLoaded() {
        String listing = """
                ;
                ; Archive created at 2026-12-04 01:00:00 UTC
                215; 1259 16390 TABLE public product_sales postgres
                3350; 0 16385 TABLE DATA public users postgres
                3352; 0 16390 TABLE DATA public product_sales postgres
                3201; 2606 16399 CONSTRAINT public product_sales product_sales_pkey postgres
                """;

        assertThat(RestoreProgress.tablesWithData(listing)).containsExactly("public.users", "public.product_sales");
    }

    @Test
    void theTableTheRestoresSessionLoadsIsNamedWithItsRowsAgainstTheBackupsCount() throws Exception {
        try (TestDatabase db = PostgresServer.get().createDatabase("restore_progress"); Connection loader = db.connect()) {
            db.execute("CREATE TABLE users (id int); CREATE TABLE product_sales (id int)");
            TargetDatabase target = new TargetDatabase("shop", db.target(Path.of("migrations"), 1));
            PgConnection pg = PgConnection.of(target.settings()).named("migrateops/test/run-7");
            loader.createStatement().execute("SET application_name = 'migrateops/test/run-7'");
            CountDownLatch rowsSent = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            // a COPY that has sent 3,000 rows and waits: psql in the middle of a table
            InputStream rows = new InputStream() {
                private final byte[] data = "1\n".repeat(3000).getBytes(StandardCharsets.US_ASCII);
                private int at;

                @Override
                public int read() throws IOException {
                    if (at == data.length) {
                        rowsSent.countDown();
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return -1;
                    }
                    return data[at++];
                }
            };
            CompletableFuture<Long> copying = CompletableFuture.supplyAsync(() -> {
                try {
                    return loader.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY product_sales FROM STDIN", rows, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rowsSent.await();
            RestoreProgress progress = new RestoreProgress(pg, List.of("public.users", "public.product_sales"),
                    Map.of("public.users", 30L, "public.product_sales", 10_000L), System.nanoTime());

            if (loader.getMetaData().getDatabaseMajorVersion() < 14) {
                // pg_stat_progress_copy is PostgreSQL 14+: before it, no progress is told rather than one invented
                assertThat(progress.now(target)).isEmpty();
            } else {
                Optional<Progress> now = await().atMost(Duration.ofSeconds(10)).until(() -> progress.now(target),
                        p -> p.filter(x -> x.done() > 0).isPresent());

                assertThat(now).get().satisfies(p -> {
                    assertThat(p.work()).isEqualTo(Progress.Work.RESTORE);
                    assertThat(p.phase()).isEqualTo("public.product_sales");
                    assertThat(p.phaseNumber()).isEqualTo(2);
                    assertThat(p.phases()).isEqualTo(2);
                    assertThat(p.total()).isEqualTo(10_000);
                    assertThat(p.describe()).startsWith("restoring " + db.name() + " — table 2 of 2 (public.product_sales), ");
                });
            }
            finish.countDown();
            assertThat(copying.get()).isEqualTo(3000);
            target.close();
        }
    }
}
