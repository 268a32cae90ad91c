package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintNotValidRuleTest {

    private final OneRule rule = OneRule.of((ActionRule) new ConstraintNotValidRule());
    private final OneRule onDomains = OneRule.of((StatementRule) new ConstraintNotValidRule());

    @Test
    void aForeignKeyOrCheckAddedValidatedScansTheTableUnderLock() {
        assertThat(rule.findings("ALTER TABLE sales ADD CONSTRAINT sales_fk FOREIGN KEY (p) REFERENCES products (id);"))
                .containsExactly("ERROR constraint-not-valid");
        assertThat(rule.findings("ALTER TABLE sales ADD CHECK (amount > 0);")).containsExactly("ERROR constraint-not-valid");
    }

    @Test
    void oneWrittenInsideAddColumnIsAddedValidatedToo() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN p bigint REFERENCES products (id);"))
                .containsExactly("ERROR constraint-not-valid");
    }

    @Test
    void notValidThenValidateLaterIsTheSafeShape() {
        assertThat(rule.findings("ALTER TABLE sales ADD CONSTRAINT sales_fk FOREIGN KEY (p) REFERENCES products (id) NOT VALID;"))
                .isEmpty();
    }

    @Test
    void aDomainCheckChecksEveryColumnOfThatType() {
        assertThat(onDomains.findings("ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0);"))
                .containsExactly("ERROR constraint-not-valid");
        assertThat(onDomains.findings("ALTER DOMAIN price ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;")).isEmpty();
    }
}
