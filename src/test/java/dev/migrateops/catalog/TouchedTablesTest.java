package dev.migrateops.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TouchedTablesTest {

    @TempDir
    Path dir;

    private Migration migration(String sql) throws IOException {
        Files.writeString(dir.resolve("1_m.sql"), sql);
        return new MigrationReader().read(dir).migrations().get(0);
    }

    @Test
    void everyTableAMigrationCreatesAltersWritesEmptiesDropsOrReferencesIsCounted() throws IOException {
        Migration seed003 = migration("""
                CREATE TABLE IF NOT EXISTS chakai (id bigint PRIMARY KEY, class_id bigint REFERENCES local_classes (id));
                CREATE TABLE IF NOT EXISTS local_classes (id bigint PRIMARY KEY);
                ALTER TABLE product_sales ADD COLUMN note text;
                INSERT INTO audit_log (what) VALUES ('seed');
                UPDATE ONLY public."CashDrawer" SET note = 'x' WHERE id = 1;
                DELETE FROM old_rows WHERE id < 0;
                TRUNCATE scratch_a, ONLY scratch_b CASCADE;
                DROP TABLE IF EXISTS legacy, legacy_2;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_by_tenant ON product_sales (tenant_id);
                """);
        assertThat(TouchedTables.of(seed003)).containsExactly("chakai", "local_classes", "product_sales", "audit_log",
                "public.\"CashDrawer\"", "old_rows", "scratch_a", "scratch_b", "legacy", "legacy_2");
    }

    @Test
    void temporaryTablesAreNotCounted() throws IOException {
        assertThat(TouchedTables.of(migration("CREATE TEMP TABLE t AS SELECT 1;"))).isEmpty();
    }
}
