package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackfillInDdlTransactionRuleTest {

    private final OneRule rule = OneRule.of(new BackfillInDdlTransactionRule());

    @Test
    void aBackfillAfterAnAlterTableInTheSameTransactionHoldsItsLock() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN region text;\nUPDATE sales SET region = 'eu' WHERE id < 1000;"))
                .containsExactly("ERROR backfill-in-ddl-transaction");
        assertThat(rule.why("ALTER TABLE sales ADD COLUMN region text;\nINSERT INTO archive SELECT * FROM sales;"))
                .contains("ALTER TABLE on public.sales");
    }

    @Test
    void aBackfillOnItsOwnOrAfterACommitDoesNot() {
        assertThat(rule.findings("UPDATE sales SET region = 'eu' WHERE id < 1000;")).isEmpty();
        assertThat(rule.findings("BEGIN;\nALTER TABLE sales ADD COLUMN region text;\nCOMMIT;\n"
                + "-- migrateops:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON sales (region);")).isEmpty();
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN region text;\nINSERT INTO log (what) VALUES ('added');")).isEmpty();
    }
}
