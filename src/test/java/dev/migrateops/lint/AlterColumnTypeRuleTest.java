package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlterColumnTypeRuleTest {

    private final OneRule rule = OneRule.of(new AlterColumnTypeRule());

    private static final TableFacts NAME_IS_VARCHAR_20 = new TableFacts() {
        @Override
        public Optional<String> columnType(String table, String column) {
            return column.equals("name") ? Optional.of("character varying(20)") : Optional.empty();
        }
    };

    @Test
    void aTypeChangeRewritesTheTableAndItsIndexes() {
        assertThat(rule.findings("ALTER TABLE sales ALTER COLUMN amount TYPE numeric(10,2);")).containsExactly("ERROR alter-column-type");
    }

    @Test
    void wideningAVarcharRewritesNothingButNarrowingDoes() {
        assertThat(rule.findings("ALTER TABLE products ALTER COLUMN name TYPE varchar(50);", NAME_IS_VARCHAR_20)).isEmpty();
        assertThat(rule.findings("ALTER TABLE products ALTER COLUMN name TYPE text;", NAME_IS_VARCHAR_20)).isEmpty();
        assertThat(rule.findings("ALTER TABLE products ALTER COLUMN name TYPE varchar(10);", NAME_IS_VARCHAR_20))
                .containsExactly("ERROR alter-column-type");
    }
}
