package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetachPartitionRuleTest {

    private final OneRule rule = OneRule.of(new DetachPartitionRule());

    @Test
    void detachWithoutConcurrentlyLocksEveryPartition() {
        assertThat(rule.findings("ALTER TABLE events DETACH PARTITION events_2024;"))
                .containsExactly("ERROR detach-partition-not-concurrent");
        assertThat(rule.findings("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;")).isEmpty();
    }
}
