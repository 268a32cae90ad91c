package dev.migrateops.lint;

import dev.migrateops.lint.AlterAction.ConstraintType;
import java.util.Set;

/** UNIQUE, PRIMARY KEY or EXCLUDE added (or written inline) without an index built beforehand. */
final class UniqueWithoutIndexRule implements ActionRule {

    private static final Set<ConstraintType> INDEXED = Set.of(ConstraintType.UNIQUE, ConstraintType.PRIMARY_KEY, ConstraintType.EXCLUDE);

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        boolean added = action instanceof AlterAction.AddConstraint constraint && INDEXED.contains(constraint.type())
                && !constraint.usingIndex();
        boolean inline = action instanceof AlterAction.AddColumn column && column.inlineUnique();
        if (added || inline) {
            file.add(RuleId.UNIQUE_WITHOUT_INDEX, file.sized(table), where, "adding UNIQUE, PRIMARY KEY or EXCLUDE builds its index "
                    + "while blocking writes to " + TableName.display(table), "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD "
                    + "CONSTRAINT … UNIQUE USING INDEX …");
        }
    }
}
