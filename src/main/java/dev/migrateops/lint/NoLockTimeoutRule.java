package dev.migrateops.lint;

import java.util.regex.Pattern;

/** A statement that takes a heavy lock after the file turned lock_timeout off: live traffic queues behind it. */
final class NoLockTimeoutRule implements StatementRule {

    private static final Pattern LOCK_TAKERS = StatementParser.p("^(ALTER TABLE|CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)|DROP TABLE"
            + "|DROP INDEX (?!CONCURRENTLY)|TRUNCATE|VACUUM FULL|CLUSTER|REINDEX (?!.*CONCURRENTLY)"
            + "|REFRESH MATERIALIZED VIEW (?!CONCURRENTLY)|LOCK )");

    @Override
    public void check(LintStatement statement, LintFile file) {
        if (!file.lockTimeoutInEffect() && LOCK_TAKERS.matcher(statement.norm()).find()) {
            file.add(RuleId.NO_LOCK_TIMEOUT, Severity.ERROR, statement.where(), "this statement takes a heavy lock while lock_timeout "
                    + "is off in this file, so it can queue live traffic behind it for as long as it waits", "keep MigrateOps' "
                    + "lock_timeout (remove the SET lock_timeout = 0 / RESET), or set one: SET lock_timeout = '2s'");
        }
    }
}
