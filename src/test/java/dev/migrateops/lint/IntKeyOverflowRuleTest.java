package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntKeyOverflowRuleTest {

    private final OneRule rule = OneRule.of(new IntKeyOverflowRule());

    @Test
    void serialAndIntegerKeysRunOut() {
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS a (id serial PRIMARY KEY);")).containsExactly("WARNING int-key-overflow");
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS b (id integer PRIMARY KEY);")).containsExactly("WARNING int-key-overflow");
    }

    @Test
    void bigintAndIdentityKeysDoNot() {
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int);")).isEmpty();
    }
}
