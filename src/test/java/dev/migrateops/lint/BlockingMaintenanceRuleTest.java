package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockingMaintenanceRuleTest {

    private final OneRule rule = OneRule.of(new BlockingMaintenanceRule());

    @Test
    void vacuumFullClusterReindexAndRefreshLockTheTable() {
        assertThat(rule.findings("VACUUM FULL sales;")).containsExactly("ERROR blocking-maintenance");
        assertThat(rule.findings("CLUSTER sales USING sales_pkey;")).containsExactly("ERROR blocking-maintenance");
        assertThat(rule.findings("REINDEX TABLE sales;")).containsExactly("ERROR blocking-maintenance");
        assertThat(rule.findings("REFRESH MATERIALIZED VIEW totals;")).containsExactly("ERROR blocking-maintenance");
    }

    @Test
    void theirConcurrentFormsAndPlainVacuumDoNot() {
        assertThat(rule.findings("REINDEX TABLE CONCURRENTLY sales;")).isEmpty();
        assertThat(rule.findings("REFRESH MATERIALIZED VIEW CONCURRENTLY totals;")).isEmpty();
        assertThat(rule.findings("VACUUM ANALYZE sales;")).isEmpty();
    }
}
