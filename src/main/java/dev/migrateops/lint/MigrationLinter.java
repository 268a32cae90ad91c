package dev.migrateops.lint;

import dev.migrateops.catalog.SqlSplitException;
import dev.migrateops.catalog.SqlSplitter;
import dev.migrateops.catalog.SqlStatement;
import dev.migrateops.catalog.TransactionModeDetector;
import dev.migrateops.trace.StatementTrace;
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
 * cannot run in one — with the runner's {@code lock_timeout} in effect until the file turns it off. Each
 * statement is parsed once into a {@link LintStatement} and judged by the rules of {@link LintRules}, one
 * class per hazard. Comments, string literals and function bodies are never taken for statements; DDL inside
 * {@code DO} blocks is linted.
 */
public final class MigrationLinter {

    /** Tables at or above this many rows (or of unknown size) make locking findings errors. */
    public static final long LARGE_TABLE_ROWS = 100_000;

    private static final Pattern ALLOW = Pattern.compile("--\\s*migrateops:allow\\s+([\\w,-]+)\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    private final SqlSplitter splitter = new SqlSplitter();
    private final TransactionModeDetector detector = new TransactionModeDetector();
    private final StatementParser parser = new StatementParser();
    private final List<StatementRule> rules;

    public MigrationLinter() {
        this(LintRules.all());
    }

    /** A linter of these rules only: for a rule's own tests. */
    MigrationLinter(List<StatementRule> rules) {
        this.rules = List.copyOf(rules);
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
            return new LintReport(List.of(new Finding(RuleId.UNPARSEABLE.id(), Severity.ERROR, file + ":" + e.line(), e.getMessage(),
                    "fix the SQL so that it splits into statements", null)));
        }
        LintFile state = new LintFile(file, detector.detect(text, statements), facts);
        String[] lines = text.split("\n", -1);
        for (SqlStatement statement : statements) {
            int before = state.findings.size();
            judge(parser.parse(file, statement), state);
            List<Finding> found = state.findings.subList(before, state.findings.size());
            traced.apply(file + ":" + statement.line()).ifPresent(trace -> TraceRules.apply(found, trace, facts));
            onePerRule(found);
            acknowledge(found, lines, statement.line());
        }
        return new LintReport(state.findings);
    }

    private void judge(LintStatement statement, LintFile file) {
        if (statement.shape() instanceof LintStatement.DoBlock block) {
            block.inner().forEach(inner -> judge(inner, file));
            return;
        }
        file.enter(statement);
        rules.forEach(rule -> rule.check(statement, file));
        file.leave(statement);
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
}
