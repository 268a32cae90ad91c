package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateInSameTransactionRuleTest {

    private final OneRule rule = OneRule.of(new ValidateInSameTransactionRule());

    @Test
    void validatingInTheTransactionThatAddedItHoldsTheAddsLock() {
        assertThat(rule.findings("ALTER TABLE sales ADD CONSTRAINT sales_fk FOREIGN KEY (p) REFERENCES products (id) NOT VALID;\n"
                + "ALTER TABLE sales VALIDATE CONSTRAINT sales_fk;")).containsExactly("ERROR validate-in-same-transaction");
    }

    @Test
    void validatingAConstraintAddedInAnEarlierMigrationIsTheSafeShape() {
        assertThat(rule.findings("ALTER TABLE sales VALIDATE CONSTRAINT sales_fk;")).isEmpty();
    }
}
