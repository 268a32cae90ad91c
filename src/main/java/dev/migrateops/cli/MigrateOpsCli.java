package dev.migrateops.cli;

import dev.migrateops.catalog.CatalogException;
import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationDirectoryReader;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.lint.DirectoryLinter;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.LiveTableFacts;
import dev.migrateops.lint.TableFacts;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.ApplyOutcome;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.ConcurrentApplyException;
import dev.migrateops.engine.DriftException;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.MigrationPlan;
import dev.migrateops.engine.PendingMigration;
import dev.migrateops.engine.RestoreRequiredException;
import dev.migrateops.engine.RollbackResult;
import dev.migrateops.engine.RollbackSelector;
import dev.migrateops.engine.ScriptOutcome;
import dev.migrateops.engine.StatementEvent;
import dev.migrateops.engine.TargetAccessException;
import dev.migrateops.engine.UnknownTargetException;
import dev.migrateops.engine.VerificationReport;
import dev.migrateops.text.Plural;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line: for CI pipelines, and for break-glass when Slack is down. Exit codes: 0 done,
 * 1 the operation failed, 2 bad usage.
 */
public final class MigrateOpsCli {

    public static final Set<String> COMMANDS = Set.of("plan", "apply", "verify", "rollback", "baseline", "history", "lint");
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = """
            usage: migrateops <command> <target> [options]
              plan <target> [--to <version>]
              apply <target> [--to <version>] [--break-glass "<reason>"]
              verify <target>
              rollback <target> [--run <run-id> | --to <version>] [--break-glass "<reason>"]
              baseline <target> <version> [--break-glass "<reason>"]
              history <target>
              lint <migrations-dir> [--target <target>] [--format json]   exit 1 when an error is not allowed
            apply, rollback and baseline change the target: they run only where approvals-required is 0,
            or with --break-glass and a reason, which is recorded in the target's history.""";

    private final MigrationEngine engine;
    private final String actor;
    private final CommandAudit audit;
    private final PrintStream out;
    private final PrintStream err;

    public MigrateOpsCli(MigrationEngine engine, String actor, CommandAudit audit, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.actor = actor;
        this.audit = audit;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        try {
            CommandLineArguments arguments = CommandLineArguments.parse(args, Set.of("to", "run", "break-glass", "target", "format"));
            return switch (arguments.command()) {
                case "plan" -> plan(arguments);
                case "apply" -> apply(arguments);
                case "verify" -> verify(arguments);
                case "rollback" -> rollback(arguments);
                case "baseline" -> baseline(arguments);
                case "history" -> history(arguments);
                case "lint" -> lint(arguments);
                default -> throw new UsageException("unknown command '" + arguments.command() + "'");
            };
        } catch (UsageException | UnknownTargetException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (CatalogException | DriftException | ConcurrentApplyException | RestoreRequiredException
                 | TargetAccessException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int plan(CommandLineArguments args) {
        MigrationPlan plan = engine.plan(args.target(), version(args.option("to")));
        out.println("target " + plan.target() + ": " + plan.applied().size() + " applied, " + plan.pending().size() + " pending");
        for (PendingMigration pending : plan.pending()) {
            out.println("  " + describe(pending));
        }
        plan.drift().forEach(d -> out.println("  DRIFT " + d.message()));
        return plan.blockedByDrift() ? FAILED : OK;
    }

    private int apply(CommandLineArguments args) {
        String reason = requireChangeAllowed(args);
        ApplyRequest request = new ApplyRequest(actor, null, reason, version(args.option("to")));
        ApplyOutcome outcome = engine.apply(args.target(), request, new ProgressPrinter());
        audit.record("cli.apply", Map.of("target", args.target(), "reason", String.valueOf(reason),
                "applied", outcome.apply().applied().stream().map(Migration::label).toList(),
                "failure", outcome.apply().failure().map(f -> f.describe()).orElse("none"),
                "verified", outcome.verification().map(VerificationReport::passed).orElse(true)));
        if (outcome.apply().applied().isEmpty() && outcome.apply().success()) {
            out.println("nothing to apply: " + args.target() + " is up to date");
        }
        outcome.apply().failure().ifPresent(f -> err.println(f.describe()));
        outcome.apply().notAttempted().forEach(m -> err.println("  not attempted: " + m.label()));
        outcome.verification().ifPresent(this::print);
        return outcome.success() ? OK : FAILED;
    }

    private int verify(CommandLineArguments args) {
        VerificationReport report = engine.verify(args.target());
        print(report);
        return report.passed() ? OK : FAILED;
    }

    private int rollback(CommandLineArguments args) {
        String reason = requireChangeAllowed(args);
        RollbackSelector selector = args.option("run").map(RollbackSelector::run)
                .or(() -> version(args.option("to")).map(RollbackSelector::after))
                .orElse(RollbackSelector.last());
        RollbackResult result = engine.rollback(args.target(), selector, new ProgressPrinter());
        audit.record("cli.rollback", Map.of("target", args.target(), "reason", String.valueOf(reason),
                "rolledBack", result.rolledBack(), "failure", result.failure().map(f -> f.describe()).orElse("none")));
        out.println(result.plan().describe());
        out.println("rolled back: " + (result.rolledBack().isEmpty() ? "nothing" : String.join(", ", result.rolledBack()))
                + (reason == null ? "" : " (break-glass: " + reason + ")"));
        result.failure().ifPresent(f -> err.println(f.describe()));
        return result.success() ? OK : FAILED;
    }

    private int baseline(CommandLineArguments args) {
        requireChangeAllowed(args);
        if (args.positional().size() < 2) {
            throw new UsageException("baseline needs a version: baseline <target> <version>");
        }
        List<Migration> marked = engine.baseline(args.target(), version(Optional.of(args.positional().get(1))).get(), actor);
        audit.record("cli.baseline", Map.of("target", args.target(), "marked", marked.stream().map(Migration::label).toList()));
        marked.forEach(m -> out.println("  marked as applied: " + m.label()));
        return OK;
    }

    private int lint(CommandLineArguments args) {
        if (args.positional().isEmpty()) {
            throw new UsageException("lint needs a migrations directory: lint <migrations-dir>");
        }
        String format = args.option("format").orElse("text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("--format is text or json");
        }
        MigrationCatalog catalog = new MigrationDirectoryReader().read(Path.of(args.positional().get(0)));
        TableFacts facts = args.option("target").<TableFacts>map(t -> new LiveTableFacts(engine.targets().get(t)))
                .orElse(TableFacts.UNKNOWN);
        LintReport report = new DirectoryLinter().lint(catalog, facts);
        if (format.equals("json")) {
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                        "findings", report.findings(), "errors", report.errors(), "warnings", report.warnings(),
                        "blocking", report.blocking().size())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            for (Finding finding : report.findings()) {
                out.println(finding.severity() + " " + finding.rule() + " at " + finding.location()
                        + (finding.acknowledged() == null ? "" : " (allowed: " + finding.acknowledged() + ")"));
                out.println("    " + finding.why());
                out.println("    Instead: " + finding.fix());
            }
            out.println(Plural.of(catalog.migrations().size(), "migration") + ": " + Plural.of(report.errors(), "error") + ", "
                    + Plural.of(report.warnings(), "warning") + ", " + report.blocking().size() + " blocking");
        }
        return report.blocking().isEmpty() ? OK : FAILED;
    }

    private int history(CommandLineArguments args) {
        List<AppliedMigration> rows = engine.history(args.target());
        if (rows.isEmpty()) {
            out.println(args.target() + " has no migration history yet");
        }
        for (AppliedMigration row : rows) {
            out.println("  " + row.version() + " " + row.name() + "  " + (row.success() ? "applied" : "FAILED")
                    + " by " + row.appliedBy() + " at " + row.finishedAt() + " (" + row.executionMs() + " ms)"
                    + (row.reason() == null ? "" : " — " + row.reason()));
        }
        return OK;
    }

    /** Returns the break-glass reason, or null on a target that needs no approval. */
    private String requireChangeAllowed(CommandLineArguments args) {
        int approvals = engine.targets().get(args.target()).settings().approvalsRequired();
        Optional<String> breakGlass = args.option("break-glass").map(String::strip).filter(r -> !r.isEmpty());
        if (approvals > 0 && breakGlass.isEmpty()) {
            audit.record("refused.cli_" + args.command(), Map.of("target", args.target(), "why", "no --break-glass"));
            throw new UsageException(args.target() + " requires " + Plural.of(approvals, "approval") + ": request the change in Slack"
                    + " with /migrate, or pass --break-glass \"<reason>\" if Slack is down");
        }
        return breakGlass.map(r -> "break-glass: " + r).orElse(null);
    }

    private static Optional<MigrationVersion> version(Optional<String> text) {
        try {
            return text.map(MigrationVersion::parse);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String describe(PendingMigration pending) {
        Migration m = pending.migration();
        return m.label() + "  " + (m.transactional() ? "tx" : "no-tx (" + m.up().mode().reason() + ")")
                + " · rollback " + (m.down().isPresent() ? "✓" : "✗ (restore)")
                + " · checks " + (m.check().isPresent() ? "✓" : "—")
                + " · verify " + (m.verify().isPresent() ? "✓" : "—")
                + (pending.retryOfFailed() ? " · RETRY (failed part-way before)" : "")
                + (pending.outOfOrder() ? " · OUT OF ORDER (older than the newest applied)" : "");
    }

    private void print(VerificationReport report) {
        out.println(report.passed() ? "verification passed" : "VERIFICATION FAILED");
        report.failures().forEach(f -> out.println("  ✗ " + f));
        report.warnings().forEach(w -> out.println("  ! " + w));
        report.notValidConstraints().forEach(c -> out.println("  NOT VALID constraint: " + c));
        report.rowCounts().forEach(c -> out.println("  rows " + c.describe()));
    }

    /** Prints each step as it happens. */
    private final class ProgressPrinter implements ApplyListener {
        @Override
        public void migrationStarted(Migration migration) {
            out.println("▶ " + migration.label() + " (" + migration.up().statements().size() + " statements)");
        }

        @Override
        public void statementExecuted(StatementEvent event) {
            out.println("    " + event.location() + " " + event.outcome() + " " + event.duration().toMillis() + " ms");
        }

        @Override
        public void lockTimeoutRetry(String version, int retry, Duration wait) {
            out.println("    lock not granted; retry " + retry + " in " + wait.toMillis() + " ms");
        }

        @Override
        public void invalidIndexDropped(String version, String index) {
            out.println("    dropped invalid index " + index);
        }

        @Override
        public void migrationFinished(Migration migration, ScriptOutcome outcome) {
            out.println((outcome.success() ? "✓ " : "✗ ") + migration.label() + " — " + outcome.duration().toMillis() + " ms");
        }
    }
}
