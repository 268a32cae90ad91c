package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropIndexNotConcurrentRuleTest {

    private final OneRule rule = OneRule.of(new DropIndexNotConcurrentRule());

    @Test
    void dropIndexTakesAnAccessExclusiveLockUnlessConcurrently() {
        assertThat(rule.findings("DROP INDEX IF EXISTS i;")).containsExactly("WARNING drop-index-not-concurrent");
        assertThat(rule.findings("DROP INDEX CONCURRENTLY IF EXISTS i;")).isEmpty();
    }
}
