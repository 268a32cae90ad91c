package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumValueInSameTransactionRuleTest {

    private final OneRule rule = OneRule.of(new EnumValueInSameTransactionRule());

    @Test
    void aValueUsedInTheTransactionThatAddedItFails() {
        assertThat(rule.findings("ALTER TYPE status ADD VALUE 'archived';\nUPDATE orders SET status = 'archived' WHERE id = 1;"))
                .containsExactly("ERROR enum-value-used-same-transaction");
    }

    @Test
    void aValueAddedAloneOrUsedAfterACommitIsFine() {
        assertThat(rule.findings("ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived';")).isEmpty();
        assertThat(rule.findings("ALTER TYPE status ADD VALUE 'archived';\nCOMMIT;\nBEGIN;\n"
                + "UPDATE orders SET status = 'archived' WHERE id = 1;")).isEmpty();
    }
}
