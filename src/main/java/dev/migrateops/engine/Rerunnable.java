package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.SqlStatement;
import java.util.regex.Pattern;

/**
 * Whether a migration that runs outside a transaction can run again from its start after it stopped
 * part-way: each of its statements leaves the same result when run twice. A {@code CREATE INDEX
 * CONCURRENTLY IF NOT EXISTS} qualifies because the runner first drops the invalid index an interrupted
 * build of that very statement left, and skips a valid one.
 */
public final class Rerunnable {

    private static final Pattern IDEMPOTENT = Pattern.compile("(?i)^("
            + "CREATE (UNIQUE )?INDEX CONCURRENTLY IF NOT EXISTS\\b.*"
            + "|DROP INDEX CONCURRENTLY IF EXISTS\\b.*"
            + "|REINDEX\\b.*\\bCONCURRENTLY\\b.*"
            + "|ALTER TABLE\\b.*\\bVALIDATE CONSTRAINT\\b.*"
            + "|ANALYZE\\b.*"
            + "|VACUUM( \\((?!.*FULL)[^)]*\\))?( ANALYZE)?( \\S+)?"
            + "|SET (SESSION |LOCAL )?\\w+ ?(=|TO) ?.*"
            + "|RESET \\w+)$");

    private Rerunnable() {
    }

    public static boolean wholly(Migration migration) {
        return migration.up().statements().stream().map(SqlStatement::normalized).allMatch(sql -> IDEMPOTENT.matcher(sql).matches());
    }
}
