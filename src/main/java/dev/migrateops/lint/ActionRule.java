package dev.migrateops.lint;

/** A rule that judges one action of an ALTER TABLE on a table the file did not create. */
interface ActionRule {

    void check(AlterAction action, String table, String where, LintFile file);
}
