package dev.migrateops.lint;

import java.util.List;
import java.util.stream.Collectors;

/** What loses data for good: DROP or TRUNCATE of live tables, DROP SCHEMA or DATABASE, DROP COLUMN. */
final class DestructiveRule implements StatementRule, ActionRule {

    private static final String FIX = "take a verified backup, stop using it in the code first, and drop it in a later, separate migration";

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.DropWhole whole) {
            file.add(RuleId.DESTRUCTIVE, Severity.ERROR, statement.where(), whole.kind() + " loses data for good, and code still "
                    + "using it breaks", FIX);
        }
        if (statement.shape() instanceof LintStatement.DropOrTruncate drop) {
            // tables this file created hold nothing anyone relies on yet
            List<String> live = drop.tables().stream().filter(table -> !file.createdHere(table)).toList();
            if (!live.isEmpty()) {
                file.add(RuleId.DESTRUCTIVE, Severity.ERROR, statement.where(), drop.kind() + " " + live.stream()
                        .map(TableName::display).collect(Collectors.joining(", ")) + " loses data for good, and code still using it "
                        + "breaks", FIX);
            }
        }
    }

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.DropColumn) {
            file.add(RuleId.DESTRUCTIVE, Severity.ERROR, where, "DROP COLUMN loses its data and breaks code that still reads it",
                    "stop using the column in the code first, take a backup, then drop it in a later release");
        }
    }
}
