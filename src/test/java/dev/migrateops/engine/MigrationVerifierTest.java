package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationVerifierTest {

    @TempDir
    Path dir;

    @Test
    void theReportCountsEveryTableTheMigrationNamesTheNewOnesAndTheDroppedOnesToo() throws IOException {
        Files.writeString(dir.resolve("003_tea_ceremony.sql"), """
                CREATE TABLE IF NOT EXISTS local_classes (id bigint PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS chakai (id bigint PRIMARY KEY, class_id bigint REFERENCES local_classes (id));
                INSERT INTO local_classes VALUES (1), (2);
                INSERT INTO chakai VALUES (10, 1);
                DROP TABLE legacy;
                UPDATE members SET note = 'welcome' WHERE id = 1;
                """);
        try (TestDatabase db = PostgresServer.get().createDatabase("verifier")) {
            db.execute("CREATE TABLE legacy (id int); INSERT INTO legacy VALUES (1), (2), (3);"
                    + " CREATE TABLE members (id int, note text); INSERT INTO members VALUES (1, null);");
            MigrationEngine engine = Engines.over(Map.of("shop", db.target(dir, 0)));

            ApplyOutcome outcome = engine.apply("shop", ApplyRequest.by("alice"), ApplyListener.NONE);

            assertThat(outcome.verification().orElseThrow().rowCounts()).extracting(RowCountChange::describe).containsExactlyInAnyOrder(
                    "public.local_classes: new → 2", "public.chakai: new → 1", "public.members: 1 → 1", "public.legacy: 3 → dropped");
            engine.targets().close();
        }
    }
}
