package dev.migrateops.lint;

import dev.migrateops.catalog.SqlSplitException;
import dev.migrateops.catalog.SqlSplitter;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.lint.AlterAction.ConstraintType;
import dev.migrateops.lint.LintStatement.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a split statement into a {@link LintStatement}: what kind it is and its parts. Works on the normalised
 * text, where comments, literals and function bodies can no longer pass for keywords.
 */
final class StatementParser {

    static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String TABLE = "(" + NAME + "(?:\\." + NAME + ")?)";
    static final Pattern CONCURRENTLY = p("\\bCONCURRENTLY\\b");
    private static final Pattern CREATE_TABLE = p("^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?TABLE (IF NOT EXISTS )?" + TABLE);
    private static final Pattern CREATE_INDEX = p("^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(IF NOT EXISTS )?(?:" + NAME + " )?ON (?:ONLY )?" + TABLE);
    private static final Pattern DROP_INDEX = p("^DROP INDEX (CONCURRENTLY )?");
    private static final Pattern ALTER_TABLE = p("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + TABLE + " (.*)$");
    private static final Pattern DROP_OR_TRUNCATE = p("^(DROP TABLE|TRUNCATE)(?: TABLE)?(?: IF EXISTS)? (.+?)(?: (?:CASCADE|RESTRICT"
            + "|RESTART IDENTITY|CONTINUE IDENTITY))*$");
    private static final Pattern DROP_WHOLE = p("^(DROP SCHEMA|DROP DATABASE)\\b");
    private static final Pattern DML = p("^(UPDATE|DELETE FROM|INSERT INTO) (?:ONLY )?" + TABLE);
    private static final Pattern RENAME_OTHER = p("^ALTER (SCHEMA|VIEW|MATERIALIZED VIEW|SEQUENCE|TYPE|DOMAIN|FUNCTION|PROCEDURE) .* RENAME"
            + " (TO|VALUE|ATTRIBUTE)\\b");
    private static final Pattern DOMAIN_CHECK = p("^ALTER DOMAIN " + TABLE + " ADD (CONSTRAINT " + NAME + " )?CHECK\\b");
    private static final Pattern OPENS = p("^(BEGIN|START TRANSACTION)\\b");
    private static final Pattern CLOSES = p("^(COMMIT|END|ROLLBACK|ABORT)\\b");
    private static final Pattern OTHER_CONTROL = p("^(SAVEPOINT|RELEASE|PREPARE TRANSACTION)\\b");
    private static final Pattern MAINTENANCE = p("^(VACUUM (?:\\([^)]*\\bFULL\\b[^)]*\\)|FULL)|CLUSTER|REINDEX|REFRESH MATERIALIZED VIEW)\\b");
    private static final Pattern SET_LOCK_TIMEOUT = p("^SET (?:LOCAL |SESSION )?lock_timeout\\s*(?:=|TO)\\s*(.+)$");
    private static final Pattern RESET_LOCK_TIMEOUT = p("^RESET (lock_timeout|ALL)\\b");
    private static final Pattern SET_CONFIG = p("set_config\\s*\\(\\s*'lock_timeout'\\s*,\\s*'([^']*)'");
    private static final Pattern ADD_ENUM_VALUE = p("^ALTER TYPE " + TABLE + " ADD VALUE (?:IF NOT EXISTS )?'((?:[^']|'')*)'");
    private static final Pattern DDL_INSIDE = p("\\b(ALTER TABLE|CREATE (?:UNIQUE )?INDEX|DROP (?:TABLE|INDEX|SCHEMA)|TRUNCATE|VACUUM|CLUSTER|REINDEX"
            + "|REFRESH MATERIALIZED VIEW|ALTER TYPE)\\b");
    private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern WHERE = p("\\bWHERE\\b");
    private static final Pattern SELECT = p("\\bSELECT\\b");

    private static final Pattern ADD_CONSTRAINT = p("^ADD (?:CONSTRAINT (" + NAME + ") )?(FOREIGN KEY|CHECK|UNIQUE|PRIMARY KEY|EXCLUDE)\\b");
    private static final Pattern NOT_VALID = p("\\bNOT VALID\\b");
    private static final Pattern USING_INDEX = p("\\bUSING INDEX\\b");
    private static final Pattern NOT_NULL_CHECK = p("^ADD CONSTRAINT " + NAME + " CHECK \\(\\s*\\(?(" + NAME + ") IS NOT NULL\\)?\\s*\\)( NOT VALID)?$");
    private static final Pattern ADD_COLUMN = p("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(" + NAME + ") (.*)$");
    private static final Pattern ADD_OTHER_THAN_COLUMN = p("^ADD (CONSTRAINT|FOREIGN|CHECK|UNIQUE|PRIMARY|EXCLUDE)\\b");
    private static final Pattern INLINE_REFERENCES_OR_CHECK = p("\\bREFERENCES\\b|\\bCHECK\\s*\\(");
    private static final Pattern INLINE_UNIQUE = p("\\b(UNIQUE|PRIMARY KEY)\\b");
    private static final Pattern VALIDATE = p("^VALIDATE CONSTRAINT (" + NAME + ")$");
    private static final Pattern COLUMN_TYPE = p("^ALTER (?:COLUMN )?(" + NAME + ") (?:SET DATA )?TYPE (.*)$");
    private static final Pattern SET_NOT_NULL = p("^ALTER (?:COLUMN )?(" + NAME + ") SET NOT NULL\\b");
    private static final Pattern DROP_COLUMN = p("^DROP (COLUMN )?(IF EXISTS )?" + NAME);
    private static final Pattern DROP_OTHER_THAN_COLUMN = p("^DROP (CONSTRAINT|DEFAULT|NOT NULL|IDENTITY|EXPRESSION)\\b");
    private static final Pattern RENAME = p("^RENAME (COLUMN )?" + NAME + " TO |^RENAME TO ");
    private static final Pattern REWRITING_SETTING = p("^SET (LOGGED|UNLOGGED|TABLESPACE|ACCESS METHOD)\\b");
    private static final Pattern DETACH = p("^DETACH PARTITION " + TABLE + "$");

    private final SqlSplitter splitter = new SqlSplitter();

    static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    LintStatement parse(String file, SqlStatement statement) {
        return parse(statement.normalized(), statement.sql(), file, statement.line());
    }

    private LintStatement parse(String norm, String raw, String file, int line) {
        return new LintStatement(norm, raw, file + ":" + line, shape(norm, raw, file, line), lockTimeout(norm, raw));
    }

    private Shape shape(String norm, String raw, String file, int line) {
        if (norm.regionMatches(true, 0, "DO ", 0, 3) || norm.equalsIgnoreCase("DO")) {
            return new LintStatement.DoBlock(doBlock(raw, file, line));
        }
        Matcher m;
        if ((m = CREATE_TABLE.matcher(norm)).find()) {
            return new LintStatement.CreateTable(TableName.qualify(m.group(2)), m.group(2), m.group(1) != null,
                    p("\\bPARTITION BY\\b").matcher(norm).find());
        }
        if ((m = CREATE_INDEX.matcher(norm)).find()) {
            return new LintStatement.CreateIndex(TableName.qualify(m.group(4)), m.group(2) != null, m.group(3) != null);
        }
        if ((m = DROP_INDEX.matcher(norm)).find()) {
            return new LintStatement.DropIndex(m.group(1) != null);
        }
        if ((m = ALTER_TABLE.matcher(norm)).find()) {
            return new LintStatement.AlterTable(TableName.qualify(m.group(1)),
                    topLevelCommaSplit(m.group(2)).stream().map(String::strip).map(StatementParser::action).toList());
        }
        if ((m = DROP_WHOLE.matcher(norm)).find()) {
            return new LintStatement.DropWhole(m.group(1).toUpperCase(Locale.ROOT));
        }
        if ((m = DROP_OR_TRUNCATE.matcher(norm)).find()) {
            return new LintStatement.DropOrTruncate(m.group(1).toUpperCase(Locale.ROOT), topLevelCommaSplit(m.group(2)).stream()
                    .map(name -> name.strip().replaceFirst("(?i)^ONLY ", "").replaceFirst("\\s*\\*$", ""))
                    .map(TableName::qualify).toList());
        }
        if ((m = DML.matcher(norm)).find()) {
            return new LintStatement.Dml(m.group(1).toUpperCase(Locale.ROOT).split(" ")[0], TableName.qualify(m.group(2)),
                    WHERE.matcher(norm).find(), SELECT.matcher(norm).find());
        }
        boolean opens = OPENS.matcher(norm).find();
        boolean closes = CLOSES.matcher(norm).find();
        if (opens || closes || OTHER_CONTROL.matcher(norm).find()) {
            return new LintStatement.TransactionControl(opens, closes);
        }
        if ((m = ADD_ENUM_VALUE.matcher(raw.strip())).find()) {
            return new LintStatement.AddEnumValue(m.group(2));
        }
        if ((m = MAINTENANCE.matcher(norm)).find()) {
            return new LintStatement.Maintenance(m.group(1).toUpperCase(Locale.ROOT), CONCURRENTLY.matcher(norm).find());
        }
        if (RENAME_OTHER.matcher(norm).find()) {
            return new LintStatement.RenameObject();
        }
        if (DOMAIN_CHECK.matcher(norm).find()) {
            return new LintStatement.DomainCheck(p("\\bNOT VALID\\b").matcher(norm).find());
        }
        return new LintStatement.Other();
    }

    static AlterAction action(String text) {
        Matcher m;
        if ((m = ADD_CONSTRAINT.matcher(text)).find()) {
            Matcher notNull = NOT_NULL_CHECK.matcher(text);
            Optional<String> column = notNull.find() ? Optional.of(unqualified(notNull.group(1))) : Optional.empty();
            return new AlterAction.AddConstraint(text, Optional.ofNullable(m.group(1)).map(n -> n.toLowerCase(Locale.ROOT)),
                    constraintType(m.group(2)), NOT_VALID.matcher(text).find(), USING_INDEX.matcher(text).find(), column);
        }
        if ((m = ADD_COLUMN.matcher(text)).find() && !ADD_OTHER_THAN_COLUMN.matcher(text).find()) {
            return new AlterAction.AddColumn(text, m.group(1), m.group(2), INLINE_REFERENCES_OR_CHECK.matcher(text).find(),
                    INLINE_UNIQUE.matcher(text).find());
        }
        if ((m = VALIDATE.matcher(text)).find()) {
            return new AlterAction.ValidateConstraint(text, m.group(1).toLowerCase(Locale.ROOT));
        }
        if ((m = COLUMN_TYPE.matcher(text)).find()) {
            return new AlterAction.AlterColumnType(text, m.group(1), m.group(2));
        }
        if ((m = SET_NOT_NULL.matcher(text)).find()) {
            return new AlterAction.SetNotNull(text, unqualified(m.group(1)));
        }
        if (DROP_COLUMN.matcher(text).find() && !DROP_OTHER_THAN_COLUMN.matcher(text).find()) {
            return new AlterAction.DropColumn(text);
        }
        if (RENAME.matcher(text).find()) {
            return new AlterAction.Rename(text);
        }
        if ((m = REWRITING_SETTING.matcher(text)).find()) {
            return new AlterAction.RewritingSetting(text, "SET " + m.group(1).toUpperCase(Locale.ROOT).split(" ")[0]);
        }
        if (DETACH.matcher(text).find()) {
            return new AlterAction.DetachPartition(text);
        }
        return new AlterAction.Other(text);
    }

    private static ConstraintType constraintType(String words) {
        return ConstraintType.valueOf(words.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }

    /** A column as the catalog names it: quotes removed, or folded to lower case. */
    private static String unqualified(String column) {
        return TableName.qualify(column).substring("public.".length());
    }

    /** Whether the statement turns lock_timeout off (false) or sets one (true); empty when it does neither. */
    private static Optional<Boolean> lockTimeout(String norm, String raw) {
        Matcher set = SET_LOCK_TIMEOUT.matcher(raw.strip());
        if (set.find()) {
            return Optional.of(!isZero(set.group(1)));
        }
        if (RESET_LOCK_TIMEOUT.matcher(norm).find()) {
            return Optional.of(false);
        }
        Matcher config = SET_CONFIG.matcher(raw);
        return config.find() ? Optional.of(!isZero(config.group(1))) : Optional.empty();
    }

    private static boolean isZero(String value) {
        String v = value.strip().replace("'", "").replace(";", "").strip().toLowerCase(Locale.ROOT);
        return v.equals("default") || v.matches("0+(\\.0+)?\\s*(ms|s|min|h|d)?");
    }

    /** The DDL that really runs inside a DO block, each statement from its DDL keyword on. */
    private List<LintStatement> doBlock(String raw, String file, int line) {
        Matcher open = DOLLAR.matcher(raw);
        if (!open.find()) {
            return List.of();
        }
        int close = raw.indexOf(open.group(), open.end());
        if (close < 0) {
            return List.of();
        }
        List<SqlStatement> inner;
        try {
            inner = splitter.split(raw.substring(open.end(), close));
        } catch (SqlSplitException e) {
            return List.of();
        }
        List<LintStatement> ddl = new ArrayList<>();
        for (SqlStatement statement : inner) {
            Matcher found = DDL_INSIDE.matcher(statement.normalized());
            if (found.find()) {
                String norm = statement.normalized().substring(found.start());
                String rawTail = statement.sql().substring(Math.max(0, statement.sql().toUpperCase(Locale.ROOT)
                        .indexOf(found.group(1).toUpperCase(Locale.ROOT).split(" ")[0])));
                ddl.add(parse(norm, rawTail, file, line + statement.line() - 1));
            }
        }
        return ddl;
    }

    static List<String> topLevelCommaSplit(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
