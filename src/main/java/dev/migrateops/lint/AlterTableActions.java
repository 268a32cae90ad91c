package dev.migrateops.lint;

import java.util.List;

/**
 * Walks the actions of an ALTER TABLE on a table the file did not create, in order: each action judged by the
 * action rules, then what it adds (a constraint, a validation) is known to the actions after it.
 */
final class AlterTableActions implements StatementRule {

    private final List<ActionRule> rules;

    AlterTableActions(List<ActionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!(statement.shape() instanceof LintStatement.AlterTable alter) || file.createdHere(alter.table())) {
            return;
        }
        for (AlterAction action : alter.actions()) {
            rules.forEach(rule -> rule.check(action, alter.table(), statement.where(), file));
            file.afterAction(alter.table(), action);
        }
    }
}
