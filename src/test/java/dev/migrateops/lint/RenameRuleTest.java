package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenameRuleTest {

    private final OneRule objects = OneRule.of((StatementRule) new RenameRule());
    private final OneRule tables = OneRule.of((ActionRule) new RenameRule());

    @Test
    void renamingATableOrColumnBreaksRunningCode() {
        assertThat(tables.findings("ALTER TABLE sales RENAME COLUMN amount TO total;")).containsExactly("ERROR rename");
        assertThat(tables.findings("ALTER TABLE sales RENAME TO orders;")).containsExactly("ERROR rename");
    }

    @Test
    void soDoesRenamingASchemaOrAnEnumValue() {
        assertThat(objects.findings("ALTER SCHEMA shop RENAME TO store;")).containsExactly("ERROR rename");
        assertThat(objects.findings("ALTER TYPE status RENAME VALUE 'old' TO 'new';")).containsExactly("ERROR rename");
    }

    @Test
    void renamingAnIndexOrConstraintIsNotJudgedHere() {
        assertThat(objects.findings("ALTER INDEX i RENAME TO j;")).isEmpty();
    }
}
