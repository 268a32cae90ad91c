package dev.migrateops.lint;

import dev.migrateops.text.Sizes;
import dev.migrateops.trace.LockMode;
import dev.migrateops.trace.StatementTrace;
import dev.migrateops.trace.StatementTrace.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Findings from what a statement did on a copy of the target's schema, the ground truth: it replaces what the
 * static rules guessed about the same hazard. A rewrite, a validation under lock or an index built in place
 * that the trace saw is a finding even when no static rule knows the statement; one the static rules claim
 * but the trace did not see is dropped. One finding per hazard per statement; where a static rule saw the
 * same hazard, its finding (with its specific rewrite) stays.
 */
final class TraceRules {

    static final String TABLE_REWRITE = RuleId.TABLE_REWRITE.id();
    static final String VALIDATED_UNDER_LOCK = RuleId.VALIDATED_UNDER_LOCK.id();
    static final String INDEX_BUILT_IN_PLACE = RuleId.INDEX_BUILT_IN_PLACE.id();

    private static final Set<String> REWRITES = Set.of(RuleId.ALTER_COLUMN_TYPE.id(), RuleId.ADD_COLUMN_VOLATILE_DEFAULT.id(), TABLE_REWRITE);
    private static final Set<String> VALIDATIONS = Set.of(RuleId.CONSTRAINT_NOT_VALID.id(), VALIDATED_UNDER_LOCK);
    private static final Set<String> INDEX_BUILDS = Set.of(RuleId.INDEX_NOT_CONCURRENT.id(), RuleId.UNIQUE_WITHOUT_INDEX.id(), INDEX_BUILT_IN_PLACE);

    private TraceRules() {
    }

    /** Reconciles one statement's static findings (changed in place) with its trace. */
    static void apply(List<Finding> findings, StatementTrace trace, TableFacts facts) {
        reconcile(findings, REWRITES, !trace.rewritten().isEmpty());
        reconcile(findings, VALIDATIONS, !trace.validated().isEmpty());
        reconcile(findings, INDEX_BUILDS, !trace.indexesBuilt().isEmpty());
        if (none(findings, REWRITES)) {
            for (TableRef table : trace.rewritten()) {
                findings.add(new Finding(TABLE_REWRITE, sized(facts, table), trace.location(), "rewrites " + weighed(facts, table)
                        + " under " + lock(trace, table) + ": reads and writes wait until every row is copied",
                        "add a new column or table and backfill it in batches, then switch over", null));
            }
        }
        if (none(findings, VALIDATIONS)) {
            for (StatementTrace.ValidatedConstraint constraint : trace.validated()) {
                findings.add(new Finding(VALIDATED_UNDER_LOCK, sized(facts, constraint.table()), trace.location(), "adds the "
                        + constraint.kind() + " constraint " + constraint.name() + " already validated: it checks every row of "
                        + weighed(facts, constraint.table()) + " under " + lock(trace, constraint.table()) + ", which blocks writes",
                        "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a separate migration (validation does not block "
                                + "writes)", null));
            }
        }
        if (none(findings, INDEX_BUILDS)) {
            for (StatementTrace.IndexBuilt index : trace.indexesBuilt()) {
                findings.add(new Finding(INDEX_BUILT_IN_PLACE, sized(facts, index.table()), trace.location(), "builds the index "
                        + index.index() + " on " + weighed(facts, index.table()) + " inside the transaction, under "
                        + lock(trace, index.table()) + ": writes wait for the whole build",
                        "CREATE INDEX CONCURRENTLY in a migration of its own (then ADD CONSTRAINT … USING INDEX for a "
                                + "unique or primary key)", null));
            }
        }
        judgeUnrecognised(findings, trace, facts);
    }

    /**
     * A statement the static rules do not know is judged by its trace: nothing to say when it took no lock that
     * blocks writes; else still a finding for a person, now naming the lock.
     */
    private static void judgeUnrecognised(List<Finding> findings, StatementTrace trace, TableFacts facts) {
        if (findings.stream().noneMatch(f -> f.rule().equals(RuleId.UNRECOGNISED_STATEMENT.id()))) {
            return;
        }
        findings.removeIf(f -> f.rule().equals(RuleId.UNRECOGNISED_STATEMENT.id()));
        boolean explained = !findings.isEmpty();
        trace.locks().stream().filter(lock -> lock.mode().blocksWrites()).max((a, b) -> a.mode().compareTo(b.mode()))
                .filter(lock -> !explained)
                .ifPresent(lock -> findings.add(new Finding(RuleId.UNRECOGNISED_STATEMENT.id(), Severity.WARNING, trace.location(),
                        "MigrateOps has no rule for this statement; on a copy of the schema it took " + lock.mode().display()
                                + " lock on " + weighed(facts, lock.table()) + ", which blocks writes while it runs",
                        "review it by hand: how long it holds that lock on the real table", null)));
    }

    /** The trace decides whether the hazard is there: static findings of it go when it did not happen. */
    private static void reconcile(List<Finding> findings, Set<String> hazard, boolean happened) {
        if (!happened) {
            findings.removeIf(f -> hazard.contains(f.rule()));
        }
    }

    private static boolean none(List<Finding> findings, Set<String> hazard) {
        return findings.stream().noneMatch(f -> hazard.contains(f.rule()));
    }

    private static Severity sized(TableFacts facts, TableRef table) {
        return facts.rows(table.key()).map(rows -> rows >= MigrationLinter.LARGE_TABLE_ROWS).orElse(true)
                ? Severity.ERROR : Severity.WARNING;
    }

    private static String lock(StatementTrace trace, TableRef table) {
        return trace.strongestOn(table).map(LockMode::display).orElse("its lock") + " lock";
    }

    /** "public.sales (1.2 M rows, 340 MB, ~40 writes/s)", or the name alone when the target does not know the table. */
    static String weighed(TableFacts facts, TableRef table) {
        List<String> weight = new ArrayList<>();
        facts.rows(table.key()).map(TraceRules::rows).ifPresent(weight::add);
        facts.bytes(table.key()).map(Sizes::bytes).ifPresent(weight::add);
        facts.writesPerSecond(table.key()).map(TraceRules::writeRate).ifPresent(weight::add);
        return weight.isEmpty() ? table.display() : table.display() + " (" + String.join(", ", weight) + ")";
    }

    private static String writeRate(double perSecond) {
        if (perSecond == 0) {
            return "no writes";
        }
        return perSecond < 1 ? "<1 write/s" : String.format(Locale.ROOT, "~%.0f writes/s", perSecond);
    }

    private static String rows(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M rows", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0f k rows", n / 1e3);
        }
        return n == 1 ? "1 row" : n + " rows";
    }
}
