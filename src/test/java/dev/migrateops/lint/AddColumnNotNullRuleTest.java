package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddColumnNotNullRuleTest {

    private final OneRule rule = OneRule.of(new AddColumnNotNullRule());

    @Test
    void aNotNullColumnWithoutADefaultCannotBeAddedToATableWithRows() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN region text NOT NULL;"))
                .containsExactly("ERROR add-column-not-null-without-default");
    }

    @Test
    void withADefaultOrGeneratedItCan() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN region text NOT NULL DEFAULT 'eu';")).isEmpty();
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN n bigint NOT NULL GENERATED ALWAYS AS IDENTITY;")).isEmpty();
    }
}
