package dev.migrateops.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationDirectoryReaderTest {

    @TempDir
    Path dir;

    private final MigrationDirectoryReader reader = new MigrationDirectoryReader();

    private void write(String name, String text) throws IOException {
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
}
