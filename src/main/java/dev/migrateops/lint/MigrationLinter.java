package dev.migrateops.lint;

import dev.migrateops.catalog.SqlSplitException;
import dev.migrateops.catalog.SqlSplitter;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.catalog.TransactionMode;
import dev.migrateops.catalog.TransactionModeDetector;
import dev.migrateops.trace.StatementTrace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safety linter: finds what in a migration would stall or break a live database, with the safe
 * rewrite. It reads statements as the runner will run them — one transaction per file unless something
 * cannot run in one — with the runner's {@code lock_timeout} in effect until the file turns it off.
 * Comments, string literals and function bodies are never taken for statements; DDL inside {@code DO}
 * blocks is linted.
 */
public final class MigrationLinter {

    /** Tables at or above this many rows (or of unknown size) make locking findings errors. */
    public static final long LARGE_TABLE_ROWS = 100_000;

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String TABLE = "(" + NAME + "(?:\\." + NAME + ")?)";
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
    private static final Pattern TRANSACTION_CONTROL = p("^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE"
            + "|PREPARE TRANSACTION)\\b");
    private static final Pattern MAINTENANCE = p("^(VACUUM (?:\\([^)]*\\bFULL\\b[^)]*\\)|FULL)|CLUSTER|REINDEX|REFRESH MATERIALIZED VIEW)\\b");
    private static final Pattern LOCK_TAKERS = p("^(ALTER TABLE|CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)|DROP TABLE|DROP INDEX (?!CONCURRENTLY)"
            + "|TRUNCATE|VACUUM FULL|CLUSTER|REINDEX (?!.*CONCURRENTLY)|REFRESH MATERIALIZED VIEW (?!CONCURRENTLY)|LOCK )");
    private static final Pattern SET_LOCK_TIMEOUT = p("^SET (?:LOCAL |SESSION )?lock_timeout\\s*(?:=|TO)\\s*(.+)$");
    private static final Pattern RESET_LOCK_TIMEOUT = p("^RESET (lock_timeout|ALL)\\b");
    private static final Pattern SET_CONFIG = p("set_config\\s*\\(\\s*'lock_timeout'\\s*,\\s*'([^']*)'");
    private static final Pattern ADD_ENUM_VALUE = p("^ALTER TYPE " + TABLE + " ADD VALUE (?:IF NOT EXISTS )?'((?:[^']|'')*)'");
    private static final Pattern VOLATILE = p("\\b(random|gen_random_uuid|uuid_generate_v[14]|clock_timestamp|timeofday|nextval|txid_current)\\s*\\(");
    private static final Pattern DDL_INSIDE = p("\\b(ALTER TABLE|CREATE (?:UNIQUE )?INDEX|DROP (?:TABLE|INDEX|SCHEMA)|TRUNCATE|VACUUM|CLUSTER|REINDEX"
            + "|REFRESH MATERIALIZED VIEW|ALTER TYPE)\\b");
    private static final Pattern ALLOW = Pattern.compile("--\\s*migrateops:allow\\s+([\\w,-]+)\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOLLAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private final SqlSplitter splitter = new SqlSplitter();
    private final TransactionModeDetector detector = new TransactionModeDetector();

    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** What the linter keeps track of while it walks a file. */
    private static final class FileState {
        final String file;
        final TransactionMode mode;
        final TableFacts facts;
        final Set<String> createdTables = new HashSet<>();
        final Set<String> partitionedCreated = new HashSet<>();
        final Map<String, Integer> newEnumValues = new HashMap<>();
        /** NOT NULL checks added in this file: constraint name → table.column; validated ones by table.column. */
        final Map<String, String> notNullChecks = new HashMap<>();
        final Set<String> validatedNotNull = new HashSet<>();
        /** Constraints added NOT VALID in this file, by lower-case name. */
        final Set<String> addedNotValid = new HashSet<>();
        /** Existing tables an ALTER TABLE locked in the transaction that is open: held until it commits. */
        final Set<String> lockedByDdl = new HashSet<>();
        boolean lockTimeoutInEffect = true;
        boolean explicitTransaction;
        final List<Finding> findings = new ArrayList<>();

        FileState(String file, TransactionMode mode, TableFacts facts) {
            this.file = file;
            this.mode = mode;
            this.facts = facts;
        }

        boolean inTransaction() {
            return mode.transactional() || explicitTransaction;
        }

        boolean large(String table) {
            return facts.rows(table).map(rows -> rows >= LARGE_TABLE_ROWS).orElse(true);
        }

        boolean createdHere(String table) {
            return createdTables.contains(table);
        }
    }

    public LintReport lint(String file, String text, TableFacts facts) {
        return lint(file, text, facts, location -> Optional.empty());
    }

    /**
     * Lints a file and reconciles each statement's findings with what its trace on a copy of the target's schema
     * saw ({@link TraceRules}); {@code traced} gives a statement's trace by its file:line, when it has one.
     */
    public LintReport lint(String file, String text, TableFacts facts, Function<String, Optional<StatementTrace>> traced) {
        List<SqlStatement> statements;
        try {
            statements = splitter.split(text);
        } catch (SqlSplitException e) {
            return new LintReport(List.of(new Finding("unparseable", Severity.ERROR, file + ":" + e.line(), e.getMessage(),
                    "fix the SQL so that it splits into statements", null)));
        }
        FileState state = new FileState(file, detector.detect(text, statements), facts);
        String[] lines = text.split("\n", -1);
        for (SqlStatement statement : statements) {
            int before = state.findings.size();
            check(statement.normalized(), statement.sql(), statement.line(), state);
            traced.apply(file + ":" + statement.line()).ifPresent(trace ->
                    TraceRules.apply(state.findings.subList(before, state.findings.size()), trace, facts));
            onePerRule(state.findings.subList(before, state.findings.size()));
            acknowledge(state.findings.subList(before, state.findings.size()), lines, statement.line());
        }
        return new LintReport(state.findings);
    }

    private void check(String norm, String raw, int line, FileState state) {
        String where = state.file + ":" + line;
        if (norm.regionMatches(true, 0, "DO ", 0, 3) || norm.equalsIgnoreCase("DO")) {
            lintDoBlock(raw, line, state);
            return;
        }
        transactionControl(norm, where, state);
        lockTimeout(norm, raw, state);
        enumValues(norm, raw, where, state);
        createTable(norm, raw, where, state);
        createIndex(norm, where, state);
        dropIndex(norm, where, state);
        alterTable(norm, raw, where, state);
        destructive(norm, where, state);
        maintenance(norm, where, state);
        dml(norm, where, state);
        otherObjects(norm, where, state);
        if (!StatementKinds.known(norm)) {
            unrecognised(state, where, "MigrateOps has no rule for this kind of statement");
        }
        if (!state.lockTimeoutInEffect && LOCK_TAKERS.matcher(norm).find()) {
            add(state, "no-lock-timeout", Severity.ERROR, where, "this statement takes a heavy lock while lock_timeout is off in "
                    + "this file, so it can queue live traffic behind it for as long as it waits",
                    "keep MigrateOps' lock_timeout (remove the SET lock_timeout = 0 / RESET), or set one: SET lock_timeout = '2s'");
        }
    }

    /** DDL that really runs inside a DO block is linted like any other statement. */
    private void lintDoBlock(String raw, int line, FileState state) {
        Matcher open = DOLLAR.matcher(raw);
        if (!open.find()) {
            return;
        }
        int close = raw.indexOf(open.group(), open.end());
        if (close < 0) {
            return;
        }
        String body = raw.substring(open.end(), close);
        List<SqlStatement> inner;
        try {
            inner = splitter.split(body);
        } catch (SqlSplitException e) {
            return;
        }
        for (SqlStatement statement : inner) {
            Matcher ddl = DDL_INSIDE.matcher(statement.normalized());
            if (ddl.find()) {
                String norm = statement.normalized().substring(ddl.start());
                String rawTail = statement.sql().substring(Math.max(0, statement.sql().toUpperCase(Locale.ROOT)
                        .indexOf(ddl.group(1).toUpperCase(Locale.ROOT).split(" ")[0])));
                check(norm, rawTail, line + statement.line() - 1, state);
            }
        }
    }

    private void transactionControl(String norm, String where, FileState state) {
        if (TRANSACTION_CONTROL.matcher(norm).find()) {
            add(state, "transaction-control", Severity.ERROR, where, "MigrateOps runs each file in its own transaction (or statement "
                    + "by statement where it must) and records it in the same transaction: a BEGIN, COMMIT or ROLLBACK in the file "
                    + "splits that, so a failure can leave half a migration applied and unrecorded", "remove it; split the file in two "
                    + "where two transactions are needed");
        }
        if (p("^(BEGIN|START TRANSACTION)\\b").matcher(norm).find()) {
            state.explicitTransaction = true;
        } else if (p("^(COMMIT|END|ROLLBACK|ABORT)\\b").matcher(norm).find()) {
            state.explicitTransaction = false;
            state.newEnumValues.clear();
            state.lockedByDdl.clear();
        }
        if (p("\\bCONCURRENTLY\\b").matcher(norm).find() && state.explicitTransaction) {
            add(state, "concurrently-in-transaction", Severity.ERROR, where, "CONCURRENTLY cannot run inside a transaction block: "
                    + "PostgreSQL refuses it (25001) and the migration fails", "remove BEGIN/COMMIT around it; MigrateOps runs a file "
                    + "with CONCURRENTLY statement by statement");
        }
    }

    private void lockTimeout(String norm, String raw, FileState state) {
        Matcher set = SET_LOCK_TIMEOUT.matcher(raw.strip());
        if (set.find()) {
            state.lockTimeoutInEffect = !isZero(set.group(1));
        } else if (RESET_LOCK_TIMEOUT.matcher(norm).find()) {
            state.lockTimeoutInEffect = false;
        } else {
            Matcher config = SET_CONFIG.matcher(raw);
            if (config.find()) {
                state.lockTimeoutInEffect = !isZero(config.group(1));
            }
        }
    }

    private static boolean isZero(String value) {
        String v = value.strip().replace("'", "").replace(";", "").strip().toLowerCase(Locale.ROOT);
        return v.equals("default") || v.matches("0+(\\.0+)?\\s*(ms|s|min|h|d)?");
    }

    private void enumValues(String norm, String raw, String where, FileState state) {
        Matcher added = ADD_ENUM_VALUE.matcher(raw.strip());
        if (added.find()) {
            state.newEnumValues.put(added.group(2), 1);
            return;
        }
        if (!state.inTransaction()) {
            return;
        }
        for (String value : state.newEnumValues.keySet()) {
            if (raw.contains("'" + value + "'")) {
                add(state, "enum-value-used-same-transaction", Severity.ERROR, where, "the enum value '" + value + "' is added in "
                        + "this transaction and cannot be used before it commits (55P04 unsafe use of new value)",
                        "put ALTER TYPE … ADD VALUE in its own migration, before the one that uses it");
            }
        }
    }

    private void createTable(String norm, String raw, String where, FileState state) {
        Matcher m = CREATE_TABLE.matcher(norm);
        if (!m.find()) {
            return;
        }
        String table = TableName.qualify(m.group(2));
        state.createdTables.add(table);
        if (p("\\bPARTITION BY\\b").matcher(norm).find()) {
            state.partitionedCreated.add(table);
        }
        if (m.group(1) == null) {
            add(state, "create-not-idempotent", Severity.WARNING, where, "CREATE TABLE without IF NOT EXISTS fails when the "
                    + "migration is run again after a partial failure", "CREATE TABLE IF NOT EXISTS " + m.group(2) + " …");
        }
        if (p("\\b(SMALL)?SERIAL4?\\b|\\b(INT|INTEGER|INT4)\\b[^,]*\\bPRIMARY KEY\\b").matcher(norm).find()) {
            add(state, "int-key-overflow", Severity.WARNING, where, "a serial/integer key runs out at 2,147,483,647 rows, and "
                    + "widening it later rewrites the table under an exclusive lock",
                    "bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for keys");
        }
    }

    private void createIndex(String norm, String where, FileState state) {
        Matcher m = CREATE_INDEX.matcher(norm);
        if (!m.find()) {
            return;
        }
        String table = TableName.qualify(m.group(4));
        boolean concurrent = m.group(2) != null;
        if (m.group(3) == null) {
            add(state, "create-not-idempotent", Severity.WARNING, where, "CREATE INDEX without IF NOT EXISTS fails when the "
                    + "migration is run again after a partial failure", "CREATE INDEX " + (concurrent ? "CONCURRENTLY " : "")
                    + "IF NOT EXISTS …");
        }
        if (state.createdHere(table)) {
            return;
        }
        if (concurrent && (state.facts.partitioned(table) || state.partitionedCreated.contains(table))) {
            add(state, "concurrently-on-partitioned-table", Severity.ERROR, where, "CREATE INDEX CONCURRENTLY is not supported on "
                    + "a partitioned table (" + TableName.display(table) + "): PostgreSQL refuses it", "create the index CONCURRENTLY on each partition, "
                    + "then CREATE INDEX ON ONLY the parent and ALTER INDEX … ATTACH PARTITION each one");
        } else if (!concurrent) {
            add(state, "index-not-concurrent", sized(state, table), where, "CREATE INDEX without CONCURRENTLY blocks every write to "
                    + TableName.display(table) + " for as long as the build takes", "CREATE INDEX CONCURRENTLY IF NOT EXISTS … (in a migration of its own: "
                    + "it runs outside a transaction)");
        }
    }

    private void dropIndex(String norm, String where, FileState state) {
        Matcher m = DROP_INDEX.matcher(norm);
        if (m.find() && m.group(1) == null) {
            add(state, "drop-index-not-concurrent", Severity.WARNING, where, "DROP INDEX without CONCURRENTLY takes an ACCESS "
                    + "EXCLUSIVE lock on the table: reads and writes wait", "DROP INDEX CONCURRENTLY IF EXISTS …");
        }
    }

    private void alterTable(String norm, String raw, String where, FileState state) {
        Matcher m = ALTER_TABLE.matcher(norm);
        if (!m.find()) {
            return;
        }
        String table = TableName.qualify(m.group(1));
        if (state.createdHere(table)) {
            return;
        }
        List<String> actions = topLevelCommaSplit(m.group(2)).stream().map(String::strip).toList();
        for (String action : actions) {
            alterAction(action, table, where, state);
            if (!StatementKinds.knownAlterTableAction(action)) {
                unrecognised(state, where, "MigrateOps has no rule for ALTER TABLE … " + action.split(" ")[0].toUpperCase(Locale.ROOT)
                        + (action.contains(" ") ? " " + action.split(" ")[1].toUpperCase(Locale.ROOT) : ""));
            }
        }
        if (state.inTransaction() && actions.stream().anyMatch(a -> !p("^VALIDATE CONSTRAINT\\b").matcher(a).find())) {
            state.lockedByDdl.add(table);
        }
    }

    private void alterAction(String action, String table, String where, FileState state) {
        Severity sized = sized(state, table);
        if (p("^ADD (CONSTRAINT " + NAME + " )?(FOREIGN KEY|CHECK)\\b").matcher(action).find() && !p("\\bNOT VALID\\b").matcher(action).find()
                || inlineColumnConstraint(action, "\\bREFERENCES\\b|\\bCHECK\\s*\\(")) {
            add(state, "constraint-not-valid", sized, where, "adding a foreign key or check constraint scans all of "
                    + TableName.display(table) + " under a lock that blocks writes", "ADD CONSTRAINT … NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a "
                    + "separate migration (validation does not block writes)");
        }
        Matcher notValid = p("^ADD CONSTRAINT (" + NAME + ") .*\\bNOT VALID$").matcher(action);
        if (notValid.find()) {
            state.addedNotValid.add(notValid.group(1).toLowerCase(Locale.ROOT));
        }
        Matcher validateHere = p("^VALIDATE CONSTRAINT (" + NAME + ")$").matcher(action);
        if (validateHere.find() && state.inTransaction() && state.addedNotValid.contains(validateHere.group(1).toLowerCase(Locale.ROOT))) {
            add(state, "validate-in-same-transaction", sized, where, "the constraint is validated in the transaction that added it "
                    + "NOT VALID, so the lock the ADD took is held while every row of " + TableName.display(table) + " is checked",
                    "VALIDATE CONSTRAINT in a separate, later migration");
        }
        if (p("^SET (LOGGED|UNLOGGED|TABLESPACE|ACCESS METHOD)\\b").matcher(action).find()) {
            add(state, TraceRules.TABLE_REWRITE, sized, where, action.split(" ")[0].toUpperCase(Locale.ROOT) + " "
                    + action.split(" ")[1].toUpperCase(Locale.ROOT) + " rewrites all of " + TableName.display(table)
                    + " under an ACCESS EXCLUSIVE lock", "do it in a maintenance window, or copy the table with pg_repack-like tooling");
        }
        if (p("^DETACH PARTITION " + TABLE + "$").matcher(action).find()) {
            add(state, "detach-partition-not-concurrent", sized, where, "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on "
                    + TableName.display(table) + ": reads and writes of every partition wait", "DETACH PARTITION … CONCURRENTLY "
                    + "(PostgreSQL 14+), in a migration of its own");
        }
        if ((p("^ADD (CONSTRAINT " + NAME + " )?(UNIQUE|PRIMARY KEY|EXCLUDE)\\b").matcher(action).find()
                && !p("\\bUSING INDEX\\b").matcher(action).find()) || inlineColumnConstraint(action, "\\b(UNIQUE|PRIMARY KEY)\\b")) {
            add(state, "unique-without-index", sized, where, "adding UNIQUE, PRIMARY KEY or EXCLUDE builds its index while blocking writes "
                    + "to " + TableName.display(table), "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX …");
        }
        Matcher notNullCheck = p("^ADD CONSTRAINT (" + NAME + ") CHECK \\(\\s*\\(?(" + NAME + ") IS NOT NULL\\)?\\s*\\)( NOT VALID)?$")
                .matcher(action);
        if (notNullCheck.find()) {
            String column = TableName.qualify(notNullCheck.group(2)).substring("public.".length());
            state.notNullChecks.put(notNullCheck.group(1).toLowerCase(Locale.ROOT), table + "." + column);
            if (notNullCheck.group(3) == null) {
                state.validatedNotNull.add(table + "." + column);
            }
        }
        Matcher validate = p("^VALIDATE CONSTRAINT (" + NAME + ")$").matcher(action);
        if (validate.find() && state.notNullChecks.containsKey(validate.group(1).toLowerCase(Locale.ROOT))) {
            state.validatedNotNull.add(state.notNullChecks.get(validate.group(1).toLowerCase(Locale.ROOT)));
        }
        Matcher setNotNull = p("^ALTER (?:COLUMN )?(" + NAME + ") SET NOT NULL\\b").matcher(action);
        String notNullColumn = setNotNull.find() ? TableName.qualify(setNotNull.group(1)).substring("public.".length()) : null;
        if (notNullColumn != null && !state.validatedNotNull.contains(table + "." + notNullColumn)
                && !state.facts.validatedNotNullCheck(table, notNullColumn)) {
            add(state, "set-not-null", sized, where, "SET NOT NULL scans all of " + TableName.display(table) + " under an ACCESS EXCLUSIVE lock",
                    "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT; then SET NOT NULL uses the constraint "
                            + "and skips the scan");
        }
        Matcher addColumn = p("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(" + NAME + ") (.*)$").matcher(action);
        if (addColumn.find() && !p("^ADD (CONSTRAINT|FOREIGN|CHECK|UNIQUE|PRIMARY)\\b").matcher(action).find()) {
            String definition = addColumn.group(2);
            boolean hasDefault = p("\\bDEFAULT\\b").matcher(definition).find();
            if (p("\\bNOT NULL\\b").matcher(definition).find() && !hasDefault
                    && !p("\\bGENERATED\\b").matcher(definition).find()) {
                add(state, "add-column-not-null-without-default", Severity.ERROR, where, "a NOT NULL column without a default "
                        + "cannot be added to a table that has rows: the migration fails", "add it with a DEFAULT, or nullable, "
                        + "backfill, then SET NOT NULL as above");
            }
            if (hasDefault && VOLATILE.matcher(definition).find()
                    || p("\\b(BIG|SMALL)?SERIAL\\b|\\bSTORED\\b|\\bGENERATED\\b.*\\bIDENTITY\\b").matcher(definition).find()) {
                add(state, "add-column-volatile-default", sized, where, "a volatile default (or a generated/serial column) "
                        + "rewrites all of " + TableName.display(table) + " under an ACCESS EXCLUSIVE lock", "add the column without a default (or "
                        + "with a constant one), then backfill in batches");
            }
        }
        Matcher type = p("^ALTER (?:COLUMN )?(" + NAME + ") (?:SET DATA )?TYPE (.*)$").matcher(action);
        if (type.find() && !safeTypeChange(state, table, type.group(1), type.group(2))) {
            add(state, "alter-column-type", sized, where, "changing the column type rewrites " + TableName.display(table) + " and its indexes under an "
                    + "ACCESS EXCLUSIVE lock", "add a new column, backfill it in batches, switch reads and writes, drop the old one");
        }
        if (p("^DROP (COLUMN )?(IF EXISTS )?" + NAME).matcher(action).find() && !p("^DROP (CONSTRAINT|DEFAULT|NOT NULL|IDENTITY|EXPRESSION)\\b").matcher(action).find()) {
            add(state, "destructive", Severity.ERROR, where, "DROP COLUMN loses its data and breaks code that still reads it",
                    "stop using the column in the code first, take a backup, then drop it in a later release");
        }
        if (p("^RENAME (COLUMN )?" + NAME + " TO |^RENAME TO ").matcher(action).find()) {
            add(state, "rename", Severity.ERROR, where, "renaming breaks running code that still uses the old name",
                    "add the new name (column + backfill, or a view), move the code, then drop the old name later");
        }
    }

    /** Type changes that PostgreSQL does without a rewrite, judged against the live column type. */
    private static boolean safeTypeChange(FileState state, String table, String column, String newType) {
        String target = newType.toLowerCase(Locale.ROOT).replaceAll("\\s+using\\b.*$", "").strip();
        String current = state.facts.columnType(table, column.startsWith("\"") ? column.substring(1, column.length() - 1)
                : column.toLowerCase(Locale.ROOT)).orElse(null);
        if (current == null) {
            return false;
        }
        Matcher was = Pattern.compile("^character varying(?:\\((\\d+)\\))?$").matcher(current);
        if (!was.matches()) {
            return false;
        }
        if (target.equals("text") || target.equals("varchar") || target.equals("character varying")) {
            return true;
        }
        Matcher now = Pattern.compile("^(?:varchar|character varying)\\s*\\((\\d+)\\)$").matcher(target);
        return now.matches() && was.group(1) != null && Integer.parseInt(now.group(1)) >= Integer.parseInt(was.group(1));
    }

    /** A constraint written inside ADD COLUMN (… REFERENCES t, … UNIQUE, … CHECK (…)), which is added validated. */
    private static boolean inlineColumnConstraint(String action, String constraint) {
        return p("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?" + NAME + " ").matcher(action).find()
                && !p("^ADD (CONSTRAINT|FOREIGN|CHECK|UNIQUE|PRIMARY|EXCLUDE)\\b").matcher(action).find()
                && p(constraint).matcher(action).find();
    }

    private void destructive(String norm, String where, FileState state) {
        Matcher whole = DROP_WHOLE.matcher(norm);
        if (whole.find()) {
            String kind = whole.group(1).toUpperCase(Locale.ROOT);
            add(state, "destructive", Severity.ERROR, where, kind + " loses data for good, and code still using it breaks",
                    "take a verified backup, stop using it in the code first, and drop it in a later, separate migration");
            return;
        }
        Matcher m = DROP_OR_TRUNCATE.matcher(norm);
        if (!m.find()) {
            return;
        }
        List<String> live = topLevelCommaSplit(m.group(2)).stream()
                .map(name -> name.strip().replaceFirst("(?i)^ONLY ", "").replaceFirst("\\s*\\*$", ""))
                .map(TableName::qualify).filter(table -> !state.createdHere(table)).toList();
        if (live.isEmpty()) {
            return;
        }
        String kind = m.group(1).toUpperCase(Locale.ROOT);
        add(state, "destructive", Severity.ERROR, where, kind + " " + live.stream().map(TableName::display)
                        .collect(java.util.stream.Collectors.joining(", ")) + " loses data for good, and code still using it breaks",
                "take a verified backup, stop using it in the code first, and drop it in a later, separate migration");
    }

    /** UPDATE and DELETE without WHERE, and any backfill in the transaction of an ALTER TABLE that still holds its lock. */
    private void dml(String norm, String where, FileState state) {
        Matcher m = DML.matcher(norm);
        if (!m.find()) {
            return;
        }
        String table = TableName.qualify(m.group(2));
        if (state.createdHere(table)) {
            return;
        }
        String verb = m.group(1).toUpperCase(Locale.ROOT).split(" ")[0];
        boolean isInsert = verb.equals("INSERT");
        if (!isInsert && !p("\\bWHERE\\b").matcher(norm).find()) {
            add(state, "dml-without-where", sized(state, table), where, verb + " without WHERE changes every row of "
                    + TableName.display(table) + " in one transaction: row locks on all of it until it commits, and a table's worth "
                    + "of WAL at once", "batch it (WHERE id BETWEEN … in a loop outside the migration), or add the WHERE you meant");
        }
        if (state.inTransaction() && !state.lockedByDdl.isEmpty() && (!isInsert || p("\\bSELECT\\b").matcher(norm).find())) {
            add(state, "backfill-in-ddl-transaction", sized(state, table), where, "this " + verb + " runs in the transaction "
                    + "of the ALTER TABLE on " + state.lockedByDdl.stream().sorted().map(TableName::display)
                    .collect(java.util.stream.Collectors.joining(", ")) + " above, whose lock is held until the backfill commits",
                    "put the backfill in a migration of its own, in batches, after the schema change");
        }
    }

    /** Renames of schemas, types, views, enum values; domain constraints added validated. */
    private void otherObjects(String norm, String where, FileState state) {
        if (RENAME_OTHER.matcher(norm).find()) {
            add(state, "rename", Severity.ERROR, where, "renaming breaks running code that still uses the old name",
                    "add the new name next to the old one, move the code, then drop the old name later");
        }
        if (DOMAIN_CHECK.matcher(norm).find() && !p("\\bNOT VALID\\b").matcher(norm).find()) {
            add(state, "constraint-not-valid", Severity.ERROR, where, "adding a CHECK to a domain checks every column of that type "
                    + "in every table, under locks that block writes", "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a "
                    + "separate migration");
        }
    }

    private static void unrecognised(FileState state, String where, String what) {
        add(state, UNRECOGNISED, Severity.WARNING, where, what + ": its locks and effects were not judged",
                "review it by hand, or lint with --target so that it is traced on a copy of the schema");
    }

    /** The rule of a statement the linter does not know. */
    static final String UNRECOGNISED = "unrecognised-statement";

    private void maintenance(String norm, String where, FileState state) {
        Matcher m = MAINTENANCE.matcher(norm);
        if (!m.find()) {
            return;
        }
        String what = m.group(1).toUpperCase(Locale.ROOT);
        boolean concurrently = p("\\bCONCURRENTLY\\b").matcher(norm).find();
        if ((what.startsWith("REINDEX") || what.startsWith("REFRESH")) && concurrently) {
            return;
        }
        add(state, "blocking-maintenance", Severity.ERROR, where, what + " locks the table against reads or writes for its whole run",
                what.startsWith("VACUUM") || what.equals("CLUSTER") ? "use plain VACUUM, or pg_repack, outside a migration"
                        : what + " CONCURRENTLY");
    }

    /** Errors for locking rules only where the table is big (or of unknown size); on small tables, warnings. */
    private static Severity sized(FileState state, String table) {
        return state.large(table) ? Severity.ERROR : Severity.WARNING;
    }

    private static void add(FileState state, String rule, Severity severity, String where, String why, String fix) {
        state.findings.add(new Finding(rule, severity, where, why, fix, null));
    }

    /** One finding per hazard per statement: an ALTER TABLE that retypes three columns is one rewrite, not three. */
    private static void onePerRule(List<Finding> statementFindings) {
        Set<String> seen = new HashSet<>();
        statementFindings.removeIf(f -> !seen.add(f.rule()));
    }

    /** {@code -- migrateops:allow rule[,rule] reason} on the comment lines right above a statement. */
    private static void acknowledge(List<Finding> findings, String[] lines, int statementLine) {
        Map<String, String> allowed = new HashMap<>();
        for (int i = statementLine - 2; i >= 0; i--) {
            String text = lines[i].strip();
            if (!text.startsWith("--")) {
                break;
            }
            Matcher m = ALLOW.matcher(text);
            if (m.find()) {
                for (String rule : m.group(1).split(",")) {
                    allowed.put(rule.strip().toLowerCase(Locale.ROOT), m.group(2).strip());
                }
            }
        }
        findings.replaceAll(f -> allowed.containsKey(f.rule()) ? f.acknowledge(allowed.get(f.rule()).isEmpty()
                ? "no reason given" : allowed.get(f.rule())) : f);
    }

    private static List<String> topLevelCommaSplit(String actions) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < actions.length(); i++) {
            char c = actions.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(actions.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(actions.substring(start));
        return parts;
    }
}
