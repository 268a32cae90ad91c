package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupToolsHealthTest {

    @Test
    void toolsThatAreMissingAreAProblemForEveryTargetTheInstalledOnesAreNot() {
        try (TestDatabase db = PostgresServer.get().createDatabase("tools")) {
            MigrationEngine engine = Engines.over(Map.of("shop", db.target(Path.of("migrations"), 0)));
            try {
                assertThat(new BackupToolsHealth(engine.targets(), new PgTools("")).problemFor(engine.targets().get("shop")))
                        .isEmpty();
                assertThat(new BackupToolsHealth(engine.targets(), new PgTools("/nonexistent/bin")).problemFor(engine.targets().get("shop")))
                        .hasValueSatisfying(problem -> assertThat(problem).contains("pg_dump was not found", "install postgresql-client"));
            } finally {
                engine.targets().close();
            }
        }
    }
}
