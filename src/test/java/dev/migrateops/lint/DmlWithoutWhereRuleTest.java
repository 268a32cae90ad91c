package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DmlWithoutWhereRuleTest {

    private final OneRule rule = OneRule.of(new DmlWithoutWhereRule());

    @Test
    void updateOrDeleteOfEveryRowLocksItAll() {
        assertThat(rule.findings("UPDATE sales SET region = 'eu';")).containsExactly("ERROR dml-without-where");
        assertThat(rule.findings("DELETE FROM sales;")).containsExactly("ERROR dml-without-where");
    }

    @Test
    void aWhereAnInsertOrATableCreatedHereIsFine() {
        assertThat(rule.findings("UPDATE sales SET region = 'eu' WHERE id < 1000;")).isEmpty();
        assertThat(rule.findings("INSERT INTO sales (id) VALUES (1);")).isEmpty();
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS fresh (a int);\nUPDATE fresh SET a = 1;")).isEmpty();
    }
}
