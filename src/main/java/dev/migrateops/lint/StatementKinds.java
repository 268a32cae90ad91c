package dev.migrateops.lint;

import java.util.regex.Pattern;

/**
 * The statements and ALTER TABLE actions the linter knows, so that what it does not know is said instead of
 * passing in silence: an unknown statement is a finding ("not recognised — review by hand").
 */
final class StatementKinds {

    private static final Pattern KNOWN = Pattern.compile("^(CREATE (OR REPLACE )?(TEMP |TEMPORARY |UNLOGGED |RECURSIVE |CONSTRAINT "
            + "|UNIQUE |TRUSTED |PROCEDURAL )*(TABLE|INDEX|VIEW|MATERIALIZED VIEW|FUNCTION|PROCEDURE|TRIGGER|TYPE|SCHEMA|EXTENSION"
            + "|SEQUENCE|POLICY|DOMAIN|ROLE|USER|PUBLICATION|AGGREGATE|OPERATOR|COLLATION|EVENT TRIGGER|CAST|LANGUAGE|STATISTICS)\\b"
            + "|ALTER (TABLE|TYPE|INDEX|SEQUENCE|VIEW|MATERIALIZED VIEW|FUNCTION|PROCEDURE|DOMAIN|SCHEMA|ROLE|USER|DEFAULT PRIVILEGES"
            + "|EXTENSION|POLICY|TRIGGER|PUBLICATION|STATISTICS)\\b"
            + "|DROP |COMMENT ON |GRANT |REVOKE |INSERT |UPDATE |DELETE |SELECT\\b|WITH |SET |RESET |DO\\b|TRUNCATE\\b|VACUUM\\b"
            + "|ANALYZE\\b|CLUSTER\\b|REINDEX\\b|REFRESH MATERIALIZED VIEW |LOCK |BEGIN\\b|START TRANSACTION\\b|COMMIT\\b|END\\b"
            + "|ROLLBACK\\b|ABORT\\b|SAVEPOINT |RELEASE |NOTIFY )", Pattern.CASE_INSENSITIVE);

    private static final Pattern KNOWN_ALTER_TABLE_ACTION = Pattern.compile("^(ADD|DROP|VALIDATE CONSTRAINT|RENAME|OWNER TO"
            + "|SET (LOGGED|UNLOGGED|TABLESPACE|ACCESS METHOD|SCHEMA|WITHOUT CLUSTER|\\()|RESET \\(|CLUSTER ON|DETACH PARTITION"
            + "|(ENABLE|DISABLE) (ALWAYS |REPLICA )?(TRIGGER|RULE|ROW LEVEL SECURITY)|(NO )?FORCE ROW LEVEL SECURITY|REPLICA IDENTITY"
            + "|ALTER CONSTRAINT|ALTER (COLUMN )?\\S+ (TYPE|SET DATA TYPE|SET DEFAULT|DROP DEFAULT|SET NOT NULL|DROP NOT NULL"
            + "|SET STATISTICS|SET STORAGE|SET COMPRESSION|ADD GENERATED|SET GENERATED|DROP IDENTITY|DROP EXPRESSION|SET \\(|RESET \\(|RESTART"
            + "|SET INCREMENT|SET START))", Pattern.CASE_INSENSITIVE);

    private StatementKinds() {
    }

    static boolean known(String normalized) {
        return KNOWN.matcher(normalized).find();
    }

    static boolean knownAlterTableAction(String action) {
        return KNOWN_ALTER_TABLE_ACTION.matcher(action).find();
    }
}
