package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcurrentlyInTransactionRuleTest {

    private final OneRule rule = OneRule.of(new ConcurrentlyInTransactionRule());

    @Test
    void concurrentlyAfterAnExplicitBeginIsRefusedByPostgres() {
        assertThat(rule.findings("BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;"))
                .containsExactly("ERROR concurrently-in-transaction");
    }

    @Test
    void concurrentlyOnItsOwnRunsStatementByStatement() {
        assertThat(rule.findings("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);")).isEmpty();
        assertThat(rule.findings("BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a);")).isEmpty();
    }
}
