package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetNotNullRuleTest {

    private final OneRule rule = OneRule.of(new SetNotNullRule());

    @Test
    void setNotNullScansTheTableUnderAnExclusiveLock() {
        assertThat(rule.findings("ALTER TABLE sales ALTER COLUMN amount SET NOT NULL;")).containsExactly("ERROR set-not-null");
    }

    @Test
    void aValidatedNotNullCheckLetsPostgresSkipTheScan() {
        assertThat(rule.findings("ALTER TABLE sales ADD CONSTRAINT amount_nn CHECK (amount IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE sales VALIDATE CONSTRAINT amount_nn;\n"
                + "ALTER TABLE sales ALTER COLUMN amount SET NOT NULL;")).isEmpty();
        TableFacts alreadyChecked = new TableFacts() {
            @Override
            public boolean validatedNotNullCheck(String table, String column) {
                return table.equals("public.sales") && column.equals("amount");
            }
        };
        assertThat(rule.findings("ALTER TABLE sales ALTER COLUMN amount SET NOT NULL;", alreadyChecked)).isEmpty();
    }
}
