package dev.migrateops.lint;

/** SET LOGGED, SET UNLOGGED, SET TABLESPACE, SET ACCESS METHOD: each rewrites the whole table. */
final class RewritingSettingRule implements ActionRule {

    @Override
    public void check(AlterAction action, String table, String where, LintFile file) {
        if (action instanceof AlterAction.RewritingSetting setting) {
            file.add(RuleId.TABLE_REWRITE, file.sized(table), where, setting.setting() + " rewrites all of "
                    + TableName.display(table) + " under an ACCESS EXCLUSIVE lock", "do it in a maintenance window, or copy the "
                    + "table with pg_repack-like tooling");
        }
    }
}
