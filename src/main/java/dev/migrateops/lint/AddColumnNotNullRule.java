package dev.migrateops.lint;

import java.util.regex.Pattern;

/** A NOT NULL column without a default: it cannot be added to a table that has rows. */
final class AddColumnNotNullRule implements ActionRule {

    private static final Pattern NOT_NULL = StatementParser.p("\\bNOT NULL\\b");
    private static final Pattern DEFAULT_OR_GENERATED = StatementParser.p("\\bDEFAULT\\b|\\bGENERATED\\b");

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.AddColumn column && NOT_NULL.matcher(column.definition()).find()
                && !DEFAULT_OR_GENERATED.matcher(column.definition()).find()) {
            file.add(RuleId.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, Severity.ERROR, where, "a NOT NULL column without a default cannot "
                    + "be added to a table that has rows: the migration fails", "add it with a DEFAULT, or nullable, backfill, "
                    + "then SET NOT NULL as above");
        }
    }
}
