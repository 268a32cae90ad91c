package dev.migrateops.lint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lints SQL with one rule only, so that a rule's test sees what that rule finds and nothing else. */
final class OneRule {

    private final MigrationLinter linter;

    private OneRule(StatementRule rule) {
        this.linter = new MigrationLinter(List.of(rule));
    }

    static OneRule of(StatementRule rule) {
        return new OneRule(rule);
    }

    static OneRule of(ActionRule rule) {
        return new OneRule(new AlterTableActions(List.of(rule)));
    }

    /** The rule ids and severities found, e.g. {@code "ERROR index-not-concurrent"}, on tables of unknown size. */
    List<String> findings(String sql) {
        return findings(sql, TableFacts.UNKNOWN);
    }

    List<String> findings(String sql, TableFacts facts) {
        return linter.lint("m.sql", sql, facts).findings().stream().map(f -> f.severity() + " " + f.rule()).toList();
    }

    /** The first finding's reason, to check what it says. */
    String why(String sql) {
        return linter.lint("m.sql", sql, TableFacts.UNKNOWN).findings().get(0).why();
    }

    /** Facts of a target with these row counts per table (qualified) and nothing else known. */
    static TableFacts rows(Map<String, Long> rows) {
        return new TableFacts() {
            @Override
            public Optional<Long> rows(String table) {
                return Optional.ofNullable(rows.get(table));
            }
        };
    }
}
