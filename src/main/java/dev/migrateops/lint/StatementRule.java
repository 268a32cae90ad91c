package dev.migrateops.lint;

/** A rule that judges whole statements; it reads the file's state and adds findings, nothing else. */
interface StatementRule {

    void check(LintStatement statement, LintFile file);
}
