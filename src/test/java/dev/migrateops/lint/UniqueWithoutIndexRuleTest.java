package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniqueWithoutIndexRuleTest {

    private final OneRule rule = OneRule.of(new UniqueWithoutIndexRule());

    @Test
    void uniquePrimaryKeyOrExcludeBuildTheirIndexBlockingWrites() {
        assertThat(rule.findings("ALTER TABLE users ADD CONSTRAINT users_email UNIQUE (email);")).containsExactly("ERROR unique-without-index");
        assertThat(rule.findings("ALTER TABLE users ADD PRIMARY KEY (id);")).containsExactly("ERROR unique-without-index");
        assertThat(rule.findings("ALTER TABLE rooms ADD EXCLUDE USING gist (during WITH &&);")).containsExactly("ERROR unique-without-index");
        assertThat(rule.findings("ALTER TABLE users ADD COLUMN handle text UNIQUE;")).containsExactly("ERROR unique-without-index");
    }

    @Test
    void usingAnIndexBuiltConcurrentlyBeforeIsTheSafeShape() {
        assertThat(rule.findings("ALTER TABLE users ADD CONSTRAINT users_email UNIQUE USING INDEX users_email_idx;")).isEmpty();
    }
}
