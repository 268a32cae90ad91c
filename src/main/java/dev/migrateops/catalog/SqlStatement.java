package dev.migrateops.catalog;

/**
 * One statement of a migration script.
 *
 * @param sql        the text as written, from its first token to before its terminating semicolon
 * @param line       the 1-based line of the file where the statement starts
 * @param normalized the text with comments removed, literal and dollar-quoted contents blanked and
 *                   whitespace collapsed: safe to match keywords against
 */
public record SqlStatement(String sql, int line, String normalized) {
}
