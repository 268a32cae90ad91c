package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RewritingSettingRuleTest {

    private final OneRule rule = OneRule.of(new RewritingSettingRule());

    @Test
    void loggedUnloggedTablespaceAndAccessMethodRewriteTheTable() {
        assertThat(rule.findings("ALTER TABLE sales SET UNLOGGED;")).containsExactly("ERROR table-rewrite");
        assertThat(rule.findings("ALTER TABLE sales SET TABLESPACE fast;")).containsExactly("ERROR table-rewrite");
        assertThat(rule.why("ALTER TABLE sales SET LOGGED;")).startsWith("SET LOGGED rewrites all of public.sales");
    }

    @Test
    void storageParametersDoNot() {
        assertThat(rule.findings("ALTER TABLE sales SET (fillfactor = 90);")).isEmpty();
    }
}
