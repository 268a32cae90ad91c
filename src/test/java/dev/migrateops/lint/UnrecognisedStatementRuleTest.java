package dev.migrateops.lint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnrecognisedStatementRuleTest {

    private final OneRule statements = OneRule.of((StatementRule) new UnrecognisedStatementRule());
    private final OneRule actions = OneRule.of((ActionRule) new UnrecognisedStatementRule());

    @Test
    void aStatementNoRuleKnowsIsSaidNotPassed() {
        assertThat(statements.findings("IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO local;"))
                .containsExactly("WARNING unrecognised-statement");
    }

    @Test
    void soIsAnAlterTableActionNoRuleKnows() {
        assertThat(actions.findings("ALTER TABLE sales INHERIT old_sales;")).containsExactly("WARNING unrecognised-statement");
        assertThat(actions.findings("ALTER TABLE sales ALTER COLUMN note SET DEFAULT 'x';")).isEmpty();
    }

    @Test
    void knownStatementsAndDoBlocksAreNot() {
        assertThat(statements.findings("CREATE TABLE IF NOT EXISTS a (b int);\nDO $$ BEGIN PERFORM 1; END $$;")).isEmpty();
    }
}
