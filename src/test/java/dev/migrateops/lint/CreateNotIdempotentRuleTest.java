package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreateNotIdempotentRuleTest {

    private final OneRule rule = OneRule.of(new CreateNotIdempotentRule());

    @Test
    void createWithoutIfNotExistsFailsOnARerun() {
        assertThat(rule.findings("CREATE TABLE a (id bigint);\nCREATE INDEX i ON a (id);"))
                .containsExactly("WARNING create-not-idempotent", "WARNING create-not-idempotent");
    }

    @Test
    void ifNotExistsMakesItSafeToRunAgain() {
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS a (id bigint);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON a (id);"))
                .isEmpty();
    }
}
