package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexBuildRuleTest {

    private final OneRule rule = OneRule.of(new IndexBuildRule());

    @Test
    void anIndexBuiltWithoutConcurrentlyBlocksWritesAnErrorOnBigOrUnknownTables() {
        assertThat(rule.findings("CREATE INDEX IF NOT EXISTS i ON sales (tenant_id);")).containsExactly("ERROR index-not-concurrent");
        assertThat(rule.findings("CREATE INDEX IF NOT EXISTS i ON sales (tenant_id);", OneRule.rows(Map.of("public.sales", 500L))))
                .containsExactly("WARNING index-not-concurrent");
    }

    @Test
    void concurrentlyOrOnATableCreatedInTheSameFileIsFine() {
        assertThat(rule.findings("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON sales (tenant_id);")).isEmpty();
        assertThat(rule.findings("CREATE TABLE IF NOT EXISTS fresh (a int);\nCREATE INDEX i ON fresh (a);")).isEmpty();
    }

    @Test
    void concurrentlyOnAPartitionedTableIsRefusedByPostgres() {
        TableFacts partitioned = new TableFacts() {
            @Override
            public boolean partitioned(String table) {
                return table.equals("public.events");
            }

            @Override
            public Optional<Long> rows(String table) {
                return Optional.of(10L);
            }
        };
        assertThat(rule.findings("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON events (at);", partitioned))
                .containsExactly("ERROR concurrently-on-partitioned-table");
    }
}
