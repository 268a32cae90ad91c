package dev.migrateops.lint;

/** Renames of tables, columns, schemas, types, views, enum values: running code still uses the old name. */
final class RenameRule implements StatementRule, ActionRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.RenameObject) {
            file.add(RuleId.RENAME, Severity.ERROR, statement.where(), "renaming breaks running code that still uses the old name",
                    "add the new name next to the old one, move the code, then drop the old name later");
        }
    }

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.Rename) {
            file.add(RuleId.RENAME, Severity.ERROR, where, "renaming breaks running code that still uses the old name",
                    "add the new name (column + backfill, or a view), move the code, then drop the old name later");
        }
    }
}
