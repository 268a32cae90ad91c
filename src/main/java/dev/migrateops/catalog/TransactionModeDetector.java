package dev.migrateops.catalog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether a script can run in one transaction. PostgreSQL refuses some statements inside a
 * transaction block; a script holding one runs statement by statement. The header
 * {@code -- migrateops:no-transaction} forces that mode.
 */
public final class TransactionModeDetector {

    public static final String NO_TRANSACTION_HEADER = "-- migrateops:no-transaction";

    private record Rule(Pattern pattern, String label) {
    }

    private static final List<Rule> RULES = List.of(
            rule("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b", "CREATE INDEX CONCURRENTLY"),
            rule("^DROP INDEX CONCURRENTLY\\b", "DROP INDEX CONCURRENTLY"),
            rule("^REINDEX\\b.*\\bCONCURRENTLY\\b", "REINDEX CONCURRENTLY"),
            rule("^REINDEX (\\(.*\\) )?(SYSTEM|DATABASE)\\b", "REINDEX DATABASE/SYSTEM"),
            rule("^VACUUM\\b", "VACUUM"),
            rule("^ALTER SYSTEM\\b", "ALTER SYSTEM"),
            rule("^(CREATE|DROP) DATABASE\\b", "CREATE/DROP DATABASE"),
            rule("^(CREATE|DROP) TABLESPACE\\b", "CREATE/DROP TABLESPACE"),
            rule("^(CREATE|DROP) SUBSCRIPTION\\b", "CREATE/DROP SUBSCRIPTION"),
            rule("^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b", "DETACH PARTITION CONCURRENTLY"));

    private static Rule rule(String regex, String label) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), label);
    }

    public TransactionMode detect(String script, List<SqlStatement> statements) {
        if (hasNoTransactionHeader(script)) {
            return TransactionMode.nonTransactional("header " + NO_TRANSACTION_HEADER);
        }
        for (SqlStatement statement : statements) {
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(statement.normalized()).find()) {
                    return TransactionMode.nonTransactional(rule.label() + " at line " + statement.line());
                }
            }
        }
        return TransactionMode.TRANSACTIONAL;
    }

    /** The header counts only among the comment lines at the top of the file. */
    private static boolean hasNoTransactionHeader(String script) {
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("--")) {
                return false;
            }
            if (trimmed.replaceAll("\\s+", " ").equalsIgnoreCase(NO_TRANSACTION_HEADER)) {
                return true;
            }
        }
        return false;
    }
}
