package dev.migrateops.lint;

import java.util.Locale;

/** Fail closed: a statement or ALTER TABLE action no rule knows is said, never passed in silence. */
final class UnrecognisedStatementRule implements StatementRule, ActionRule {

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!(statement.shape() instanceof LintStatement.DoBlock) && !StatementKinds.known(statement.norm())) {
            add(file, statement.where(), "MigrateOps has no rule for this kind of statement");
        }
    }

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        String text = action.text();
        if (!StatementKinds.knownAlterTableAction(text)) {
            String[] words = text.split(" ");
            add(file, where, "MigrateOps has no rule for ALTER TABLE … " + words[0].toUpperCase(Locale.ROOT)
                    + (words.length > 1 ? " " + words[1].toUpperCase(Locale.ROOT) : ""));
        }
    }

    private static void add(LintFile file, String where, String what) {
        file.add(RuleId.UNRECOGNISED_STATEMENT, Severity.WARNING, where, what + ": its locks and effects were not judged",
                "review it by hand, or lint with --target so that it is traced on a copy of the schema");
    }
}
