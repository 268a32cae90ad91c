package dev.migrateops.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationReaderTest {

    @TempDir
    Path dir;

    private final MigrationReader reader = new MigrationReader();

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theShippedExamplesReadInVersionOrderWithTheirCompanions() {
        MigrationCatalog catalog = reader.read(Path.of("migrations"));
        assertThat(catalog.migrations()).extracting(Migration::label).containsExactly(
                "20251206090000 product_sales_indexes",
                "20251206091000 product_sales_fk",
                "20251206092000 validate_product_sales_fk",
                "20251206093000 cash_drawer_opened_by_set_null",
                "20251206094000 product_sales_amount_numeric");
        Migration indexes = catalog.migrations().get(0);
        assertThat(indexes.transactional()).isFalse();
        assertThat(indexes.up().mode().reason()).isEqualTo("CREATE INDEX CONCURRENTLY at line 4");
        assertThat(catalog.migrations().get(1).check()).isPresent();
        assertThat(catalog.migrations().get(4).down()).isEmpty();
        assertThat(catalog.migrations()).allMatch(m -> m.checksum().matches("[0-9a-f]{64}"));
    }

    @Test
    void versionsOrderNumericallyAndFlywayNamesAreRead() throws IOException {
        write("10_ten.sql", "SELECT 10;");
        write("9_nine.sql", "SELECT 9;");
        write("V11__eleven.sql", "SELECT 11;");
        write("U11__undo_eleven.sql", "SELECT -11;");
        write("README.md", "ignored");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.migrations()).extracting(Migration::label).containsExactly("9 nine", "10 ten", "11 eleven");
        assertThat(catalog.migrations().get(2).down()).isPresent();
    }

    @Test
    void theChecksumIgnoresLineEndingsButNotContent() throws IOException {
        write("1_a.sql", "SELECT 1;\nSELECT 2;\n");
        String lf = reader.read(dir).migrations().get(0).checksum();
        write("1_a.sql", "SELECT 1;\r\nSELECT 2;\r\n");
        assertThat(reader.read(dir).migrations().get(0).checksum()).isEqualTo(lf);
        write("1_a.sql", "SELECT 1;\nSELECT 3;\n");
        assertThat(reader.read(dir).migrations().get(0).checksum()).isNotEqualTo(lf);
    }

    @Test
    void duplicateVersionsNameBothFiles() throws IOException {
        write("001_first.sql", "SELECT 1;");
        write("1_second.sql", "SELECT 1;");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(CatalogException.class)
                .hasMessageContaining("001_first.sql").hasMessageContaining("1_second.sql").hasMessageContaining("twice");
    }

    @Test
    void aCompanionWithoutItsUpFileIsNamed() throws IOException {
        write("1_a.sql", "SELECT 1;");
        write("1_b.down.sql", "SELECT 1;");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("1_b.down.sql has no up file: expected 1_b.sql");
        Files.delete(dir.resolve("1_a.sql"));
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("1_b.down.sql has no up file");
    }

    @Test
    void aNameThatDoesNotParseIsNamedWithTheConvention() throws IOException {
        write("add_index.sql", "SELECT 1;");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("'add_index.sql'")
                .hasMessageContaining("<version>_<name>.sql");
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        Files.write(dir.resolve("1_latin1.sql"), new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'});
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("1_latin1.sql is not UTF-8");
    }

    @Test
    void splitErrorsNameTheFileAndLine() throws IOException {
        write("1_a.sql", "SELECT 1;\n\\i other.sql\n");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("1_a.sql: line 2");
    }

    @Test
    void aWrappingBeginCommitIsUnwrappedAndTransactionControlElsewhereIsRefused() throws IOException {
        write("1_wrapped.sql", "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n");
        assertThat(reader.read(dir).migrations().get(0).up().statements()).extracting(SqlStatement::sql)
                .containsExactly("CREATE TABLE a (id int)");
        write("2_midway.sql", "CREATE TABLE b (id int);\nCOMMIT;\nCREATE TABLE c (id int);\n");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("2_midway.sql:2")
                .hasMessageContaining("controls the transaction");
    }

    @Test
    void theNoTransactionHeaderForcesStatementByStatement() throws IOException {
        write("1_a.sql", "-- migrateops:no-transaction\nUPDATE t SET x = 1;\n");
        write("2_b.sql", "-- just a comment\nVACUUM ANALYZE t;\n");
        write("3_c.sql", "SELECT 'CREATE INDEX CONCURRENTLY x ON t (a)';\n");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.migrations().get(0).up().mode().reason()).contains("header");
        assertThat(catalog.migrations().get(1).up().mode().reason()).isEqualTo("VACUUM at line 2");
        assertThat(catalog.migrations().get(2).transactional()).isTrue();
    }

    @Test
    void versionsAreShownAsWrittenInTheFileName() throws IOException {
        write("001_create_core_tables.sql", "SELECT 1;");
        write("002_add_index.sql", "SELECT 2;");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.migrations()).extracting(Migration::label)
                .containsExactly("001 create_core_tables", "002 add_index");
        assertThat(catalog.find(MigrationVersion.parse("1"))).isPresent();
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.MIGRATEOPS);
    }

    @Test
    void aSupabaseProjectIsReadFromItsMigrationsFolderWithCompanionsBesideThem() throws IOException {
        write("supabase/config.toml", "project_id = \"shop\"");
        write("supabase/seed.sql", "INSERT INTO t VALUES (1);");
        write("supabase/migrations/20240102000000_add_index.sql", "CREATE INDEX i ON t (a);");
        write("supabase/migrations/20240101000000_create_t.sql", "CREATE TABLE t (a int);");
        write("supabase/migrations/migrateops/20240102000000.down.sql", "DROP INDEX i;");
        write("supabase/migrations/migrateops/20240102000000.check.sql", "SELECT 1 WHERE false;");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.SUPABASE);
        assertThat(catalog.migrations()).extracting(Migration::label)
                .containsExactly("20240101000000 create_t", "20240102000000 add_index");
        Migration index = catalog.migrations().get(1);
        assertThat(index.down()).isPresent();
        assertThat(index.check()).isPresent();
        assertThat(index.up().fileName()).isEqualTo("supabase/migrations/20240102000000_add_index.sql");
        assertThat(index.origin().path()).isEqualTo("20240102000000_add_index.sql");
    }

    @Test
    void aSourcePointingIntoSupabasesMigrationsFolderIsSupabase() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("supabase/migrations"));
        Files.writeString(folder.resolve("20240101000000_create_t.sql"), "CREATE TABLE t (a int);");
        assertThat(reader.read(folder).layout()).isEqualTo(MigrationLayout.SUPABASE);
    }

    @Test
    void aPrismaProjectIsReadFolderByFolder() throws IOException {
        write("prisma/schema.prisma", "datasource db { provider = \"postgresql\" }");
        write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"");
        write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"User\" (id int);");
        write("prisma/migrations/20240101000000_init/down.sql", "DROP TABLE \"User\";");
        write("prisma/migrations/20240201000000_add_email/migration.sql", "ALTER TABLE \"User\" ADD COLUMN email text;");
        write("prisma/migrations/20240201000000_add_email/verify.sql", "SELECT 1 WHERE false;");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.PRISMA);
        assertThat(catalog.migrations()).extracting(Migration::label)
                .containsExactly("20240101000000 init", "20240201000000 add_email");
        assertThat(catalog.migrations().get(0).down()).isPresent();
        assertThat(catalog.migrations().get(1).verify()).isPresent();
        assertThat(catalog.migrations().get(1).origin().path()).isEqualTo("20240201000000_add_email/migration.sql");
    }

    @Test
    void aFlywayDirectoryIsReadWithSubfoldersAndItsUndoFiles() throws IOException {
        write("V1__create_t.sql", "CREATE TABLE t (a int);");
        write("V1_1__add_b.sql", "ALTER TABLE t ADD COLUMN b int;");
        write("U1_1__add_b.sql", "ALTER TABLE t DROP COLUMN b;");
        write("later/V2__index.sql", "CREATE INDEX i ON t (a);");
        write("migrateops/2.check.sql", "SELECT 1 WHERE false;");
        write("beforeMigrate.sql", "SELECT 1;");
        MigrationCatalog catalog = reader.read(dir);
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.FLYWAY);
        assertThat(catalog.migrations()).extracting(Migration::label).containsExactly("1 create_t", "1_1 add_b", "2 index");
        assertThat(catalog.migrations().get(1).down()).isPresent();
        assertThat(catalog.migrations().get(2).check()).isPresent();
        assertThat(catalog.migrations().get(2).origin().path()).isEqualTo("later/V2__index.sql");
    }

    @Test
    void anExplicitLayoutWinsOverDetection() throws IOException {
        write("20240101000000_create_t.sql", "CREATE TABLE t (a int);");
        MigrationCatalog catalog = reader.read(new DirectoryFiles(dir), MigrationLayout.named("supabase"));
        assertThat(catalog.layout()).isEqualTo(MigrationLayout.SUPABASE);
        assertThatThrownBy(() -> MigrationLayout.named("liquibase")).hasMessageContaining("unknown layout 'liquibase'");
    }
}
