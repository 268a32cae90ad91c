package dev.migrateops.lint;

import java.util.regex.Pattern;

/** A serial or integer key in a new table: it runs out at 2^31, and widening it later rewrites the table. */
final class IntKeyOverflowRule implements StatementRule {

    private static final Pattern INT_KEY = StatementParser.p("\\b(SMALL)?SERIAL4?\\b|\\b(INT|INTEGER|INT4)\\b[^,]*\\bPRIMARY KEY\\b");

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.CreateTable && INT_KEY.matcher(statement.norm()).find()) {
            file.add(RuleId.INT_KEY_OVERFLOW, Severity.WARNING, statement.where(), "a serial/integer key runs out at 2,147,483,647 "
                    + "rows, and widening it later rewrites the table under an exclusive lock",
                    "bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for keys");
        }
    }
}
