package dev.migrateops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerunnableTest {

    @TempDir
    Path dir;

    @Test
    void indexBuildsThatSkipWhatExistsCanRunAgainAnythingElseCannot() throws Exception {
        assertThat(Rerunnable.wholly(migration("1_indexes.sql", """
                CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON a (x);
                CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS b_idx
                    ON b (y);
                """))).isTrue();
        assertThat(Rerunnable.wholly(migration("2_plain.sql", "CREATE INDEX CONCURRENTLY a_idx ON a (x);\n"))).isFalse();
        assertThat(Rerunnable.wholly(migration("3_mixed.sql", """
                CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON a (x);
                UPDATE a SET x = x + 1;
                """))).isFalse();
        assertThat(Rerunnable.wholly(migration("4_vacuum.sql", "VACUUM (FULL) a;\n"))).isFalse();
        assertThat(Rerunnable.wholly(migration("5_validate.sql", "ALTER TABLE a VALIDATE CONSTRAINT a_fk;\n"))).isTrue();
    }

    private Migration migration(String file, String sql) throws Exception {
        Path sub = Files.createDirectories(dir.resolve(file.replace(".sql", "")));
        Files.writeString(sub.resolve(file), sql);
        return new MigrationReader().read(sub).migrations().iterator().next();
    }
}
