package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoLockTimeoutRuleTest {

    private final OneRule rule = OneRule.of(new NoLockTimeoutRule());

    @Test
    void aHeavyLockAfterLockTimeoutIsTurnedOffQueuesTraffic() {
        assertThat(rule.findings("SET lock_timeout = 0;\nALTER TABLE sales ADD COLUMN note text;")).containsExactly("ERROR no-lock-timeout");
        assertThat(rule.findings("RESET ALL;\nTRUNCATE sales;")).containsExactly("ERROR no-lock-timeout");
        assertThat(rule.findings("SELECT set_config('lock_timeout', '0', true);\nLOCK TABLE sales;"))
                .containsExactly("ERROR no-lock-timeout");
    }

    @Test
    void aLockTimeoutSetAgainOrNeverTurnedOffIsFine() {
        assertThat(rule.findings("ALTER TABLE sales ADD COLUMN note text;")).isEmpty();
        assertThat(rule.findings("SET lock_timeout = 0;\nSET lock_timeout = '2s';\nALTER TABLE sales ADD COLUMN note text;")).isEmpty();
    }
}
