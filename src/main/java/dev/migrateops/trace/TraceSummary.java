package dev.migrateops.trace;

import dev.migrateops.engine.PreCheck;
import dev.migrateops.text.Plural;
import java.util.Locale;

/** The trace as one pre-check line of a plan: passed, failed on the copy, or not run — and why. */
public final class TraceSummary {

    /** The pre-check's name. */
    public static final String NAME = "trace on a schema copy";

    private TraceSummary() {
    }

    public static PreCheck of(Trace trace) {
        if (!trace.ran()) {
            return new PreCheck(NAME, PreCheck.Status.WARN, "not traced: " + trace.notRunBecause()
                    + "; locks and rewrites are judged by the static rules only");
        }
        for (MigrationTrace migration : trace.migrations()) {
            if (migration.outcome() == MigrationTrace.Outcome.FAILED) {
                return new PreCheck(NAME, PreCheck.Status.FAIL, migration.version() + " fails on a copy of the target's schema at "
                        + migration.failedAt() + ": " + migration.error());
            }
            if (migration.outcome() == MigrationTrace.Outcome.UNTRACEABLE) {
                return new PreCheck(NAME, PreCheck.Status.WARN, migration.version() + " has a statement at " + migration.failedAt()
                        + " that runs only outside a transaction, which the trace never does (" + migration.error() + "); it and "
                        + "the migrations after it were not traced");
            }
            if (migration.outcome() == MigrationTrace.Outcome.NEEDS_PRIVILEGE) {
                return new PreCheck(NAME, PreCheck.Status.WARN, migration.version() + " was not traced: " + migration.failedAt()
                        + " needs more than an unprivileged owner of the copy may do (" + migration.error() + "); it and the "
                        + "migrations after it are judged by the static rules only");
            }
            if (migration.outcome() == MigrationTrace.Outcome.TIMED_OUT) {
                return new PreCheck(NAME, PreCheck.Status.WARN, migration.version() + " was stopped at " + migration.failedAt()
                        + " after " + MigrationTracer.STATEMENT_LIMIT.toSeconds() + " s on an empty copy of the schema; it and the "
                        + "migrations after it were not traced (locks and rewrites judged by the static rules only)");
            }
        }
        long traced = trace.migrations().stream().filter(m -> m.outcome() == MigrationTrace.Outcome.TRACED).count();
        long untraced = trace.migrations().size() - traced;
        return new PreCheck(NAME, PreCheck.Status.PASS, Plural.of(trace.migrations().size(), "migration") + " tried in "
                + String.format(Locale.ROOT, "%.1f s", trace.took().toMillis() / 1000.0) + ": " + traced + " traced"
                + (untraced == 0 ? "" : ", " + untraced + " without a transaction (judged by the static rules)")
                + (trace.copyLacks().isEmpty() ? "" : "; the copy lacks " + String.join(", ", trace.copyLacks())));
    }
}
