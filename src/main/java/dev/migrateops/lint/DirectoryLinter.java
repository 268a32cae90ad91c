package dev.migrateops.lint;

import dev.migrateops.catalog.CatalogException;
import dev.migrateops.catalog.Migration;
import dev.migrateops.trace.MigrationTrace;
import dev.migrateops.trace.Trace;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lints the up files of migrations, in version order. */
public final class DirectoryLinter {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLinter.class);

    private final MigrationLinter linter = new MigrationLinter();

    public LintReport lint(MigrationCatalog catalog, TableFacts facts) {
        return lint(catalog.migrations(), facts);
    }

    /**
     * Lints what could be read, and reports each file that could not — transaction control MigrateOps owns,
     * SQL that does not split, a name without a version — as a blocking finding: nothing passes unread.
     */
    public LintReport lint(MigrationReader.Reading reading, TableFacts facts) {
        return lint(reading, facts, Trace.notRun("no target to trace on"));
    }

    /** As above, with what the trace of the pending ones on a copy of the target's schema saw. */
    public LintReport lint(MigrationReader.Reading reading, TableFacts facts, Trace trace) {
        List<Finding> findings = new ArrayList<>();
        for (CatalogException problem : reading.problems()) {
            findings.add(new Finding(UNREADABLE, Severity.ERROR, locationOf(problem.getMessage()), problem.getMessage(),
                    "fix the file: MigrateOps neither lints nor runs what it cannot read", null));
        }
        findings.addAll(lint(reading.catalog().migrations(), facts, trace).findings());
        return new LintReport(findings);
    }

    /** The rule of a migration that failed when it was tried on a copy of the target's schema. */
    public static final String FAILS_ON_COPY = RuleId.FAILS_ON_SCHEMA_COPY.id();

    /** The rule of a file that could not be read as a migration. */
    public static final String UNREADABLE = RuleId.UNREADABLE_MIGRATION.id();

    /** {@code file.sql:12} or {@code file.sql} at the start of a reader's message, else where it was looked for. */
    private static String locationOf(String message) {
        int colon = message.indexOf(": ");
        String head = colon < 0 ? "" : message.substring(0, colon);
        return head.matches("[^ ]+\\.sql(:\\d+)?") ? head : "migrations directory";
    }

    public LintReport lint(Collection<Migration> migrations, TableFacts facts) {
        return lint(migrations, facts, Trace.notRun("no target to trace on"));
    }

    /**
     * Lints migrations with what their trace on a copy of the target's schema saw; a migration that failed on
     * the copy is a blocking finding, as it would fail on the target.
     */
    public LintReport lint(Collection<Migration> migrations, TableFacts facts, Trace trace) {
        log.debug("linting {} migrations", migrations.size());
        List<Finding> findings = new ArrayList<>();
        for (MigrationTrace failed : trace.migrations()) {
            if (failed.outcome() == MigrationTrace.Outcome.FAILED) {
                findings.add(new Finding(FAILS_ON_COPY, Severity.ERROR, failed.failedAt(), "it fails on a copy of "
                        + "the target's schema, so it would fail on the target: " + failed.error(), "fix the migration", null));
            }
        }
        for (Migration migration : migrations) {
            findings.addAll(linter.lint(migration.up().fileName(), migration.origin().text(), facts, trace::at).findings());
        }
        return new LintReport(findings);
    }
}
