package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionControlRuleTest {

    private final OneRule rule = OneRule.of(new TransactionControlRule());

    @Test
    void aCommitInTheMiddleOfAFileIsAnError() {
        assertThat(rule.findings("ALTER TABLE a ADD COLUMN b text;\nCOMMIT;\nALTER TABLE a ADD COLUMN c text;"))
                .containsExactly("ERROR transaction-control");
    }

    @Test
    void savepointsAndRollbacksAreTransactionControlToo() {
        assertThat(rule.findings("SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;")).hasSize(2);
    }

    @Test
    void theWordCommitInsideAStringIsNot() {
        assertThat(rule.findings("COMMENT ON TABLE a IS 'commit; begin';")).isEmpty();
    }
}
