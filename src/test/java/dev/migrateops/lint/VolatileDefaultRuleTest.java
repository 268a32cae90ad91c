package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VolatileDefaultRuleTest {

    private final OneRule rule = OneRule.of(new VolatileDefaultRule());

    @Test
    void aVolatileDefaultOrAColumnTheServerFillsRewritesTheTable() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN token uuid DEFAULT gen_random_uuid();"))
                .containsExactly("ERROR add-column-volatile-default");
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;"))
                .containsExactly("ERROR add-column-volatile-default");
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN total numeric GENERATED ALWAYS AS (amount * 2) STORED;"))
                .containsExactly("ERROR add-column-volatile-default");
    }

    @Test
    void aConstantDefaultIsStoredInTheCatalogOnly() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN region text DEFAULT 'eu';")).isEmpty();
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN at timestamptz DEFAULT now();")).isEmpty();
    }
}
