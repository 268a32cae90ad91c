package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestructiveRuleTest {

    private final OneRule rule = OneRule.of((StatementRule) new DestructiveRule());
    private final OneRule onColumns = OneRule.of((ActionRule) new DestructiveRule());

    @Test
    void droppingOrTruncatingLiveTablesLosesDataAndNamesThem() {
        assertThat(rule.why("CREATE TABLE IF NOT EXISTS scratch (a int);\nDROP TABLE scratch, sales;"))
                .startsWith("DROP TABLE public.sales loses data");
        assertThat(rule.findings("TRUNCATE sales;")).containsExactly("ERROR destructive");
        assertThat(rule.findings("DROP SCHEMA reporting CASCADE;")).containsExactly("ERROR destructive");
    }

    @Test
    void droppingWhatTheFileCreatedLosesNothing() {
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS scratch (a int);\nDROP TABLE scratch;")).isEmpty();
    }

    @Test
    void dropColumnLosesItsDataButDroppingADefaultDoesNot() {
        assertThat(onColumns.findings("ALTER TABLE sales DROP COLUMN note;")).containsExactly("ERROR destructive");
        assertThat(onColumns.findings("ALTER TABLE sales ALTER COLUMN note DROP DEFAULT;")).isEmpty();
        assertThat(onColumns.findings("ALTER TABLE sales DROP CONSTRAINT sales_fk;")).isEmpty();
    }
}
