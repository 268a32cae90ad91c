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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: for CI pipelines, and for break-glass when Slack is down. Parsed by picocli: options
 * as {@code --to 1} or {@code --to=1}, anything unknown refused. Exit codes: 0 done, 1 the operation
 * failed (or lint found an error that is not allowed), 2 bad usage. The targets (and the Spring context
 * behind them) are only reached for commands that need one, so {@code --help}, {@code --version} and
 * {@code lint} without {@code --target} start nothing.
 */
@Command(name = "migrateops", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class, sortOptions = false,
        usageHelpAutoWidth = true, subcommands = CommandLine.HelpCommand.class,
        description = "PostgreSQL migrations with plans, lint, backups and an audit trail. Without a command, the bot starts.",
        footerHeading = "%n", footer = {
                "apply, rollback and baseline change the target: they run only where approvals-required is 0, or with "
                        + "--break-glass and a reason, which is recorded in the target's history and the audit trail.",
                "Settings come from the environment (MIGRATEOPS_TARGETS_<NAME>_JDBC_URL, ...) or from "
                        + "--<spring.property>=<value> arguments; keep passwords in the environment, where ps cannot show them.",
                "Exit codes: 0 done, 1 the operation failed (lint: an error that is not allowed), 2 bad usage."})
public final class MigrateOpsCli {

    public static final Set<String> COMMANDS = Set.of("plan", "apply", "verify", "rollback", "baseline", "history", "lint", "help");
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Supplier<MigrationEngine> engines;
    private final Supplier<CommandAudit> audits;
    private final String actor;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param engine the targets, reached only by commands that need one
     * @param audit  where changes are recorded, asked for only when something changes
     */
    public MigrateOpsCli(Supplier<MigrationEngine> engine, String actor, Supplier<CommandAudit> audit, PrintStream out,
                         PrintStream err) {
        this.engines = engine;
        this.actor = actor;
        this.audits = audit;
        this.out = out;
        this.err = err;
    }

    public MigrateOpsCli(MigrationEngine engine, String actor, CommandAudit audit, PrintStream out, PrintStream err) {
        this(() -> engine, actor, () -> audit, out, err);
    }

    public int run(String... args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(this::failed);
        if (args.length == 0) {
            commandLine.usage(err);
            return USAGE;
        }
        return commandLine.execute(args);
    }

    /** What a command's failure exits with: a wrong target or version is bad usage, the rest a failure. */
    private int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        err.println("error: " + e.getMessage());
        if (e instanceof UsageException || e instanceof UnknownTargetException || e instanceof IllegalArgumentException) {
            err.println(commandLine.getHelp().fullSynopsis());
            return USAGE;
        }
        if (e instanceof CatalogException || e instanceof DriftException || e instanceof ConcurrentApplyException
                || e instanceof RestoreRequiredException || e instanceof TargetAccessException || e instanceof IllegalStateException) {
            return FAILED;
        }
        throw new IllegalStateException(e);
    }

    private MigrationEngine engine() {
        return engines.get();
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Lists what is applied and what is pending on a target, and any drift.")
    int plan(@Parameters(paramLabel = "<target>") String target,
             @Option(names = "--to", paramLabel = "<version>", description = "plan up to this version") String to) {
        MigrationPlan plan = engine().plan(target, version(to));
        out.println("target " + plan.target() + ": " + plan.applied().size() + " applied, " + plan.pending().size() + " pending");
        for (PendingMigration pending : plan.pending()) {
            out.println("  " + describe(pending));
        }
        plan.drift().forEach(d -> out.println("  DRIFT " + d.message()));
        return plan.blockedByDrift() ? FAILED : OK;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Applies the pending migrations of a target, in order, then verifies them.")
    int apply(@Parameters(paramLabel = "<target>") String target,
              @Option(names = "--to", paramLabel = "<version>", description = "apply up to this version") String to,
              @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass) {
        String reason = requireChangeAllowed("apply", target, breakGlass);
        ApplyRequest request = new ApplyRequest(actor, null, reason, version(to));
        ApplyOutcome outcome = engine().apply(target, request, new ProgressPrinter());
        audits.get().record("cli.apply", Map.of("target", target, "reason", String.valueOf(reason),
                "applied", outcome.apply().applied().stream().map(Migration::label).toList(),
                "failure", outcome.apply().failure().map(f -> f.describe()).orElse("none"),
                "verified", outcome.verification().map(VerificationReport::passed).orElse(true)));
        if (outcome.apply().applied().isEmpty() && outcome.apply().success()) {
            out.println("nothing to apply: " + target + " is up to date");
        }
        outcome.apply().failure().ifPresent(f -> err.println(f.describe()));
        outcome.apply().notAttempted().forEach(m -> err.println("  not attempted: " + m.label()));
        outcome.verification().ifPresent(this::print);
        return outcome.success() ? OK : FAILED;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Runs the verify queries of the applied migrations and checks for invalid indexes.")
    int verify(@Parameters(paramLabel = "<target>") String target) {
        VerificationReport report = engine().verify(target);
        print(report);
        return report.passed() ? OK : FAILED;
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Runs the down scripts of the last run (or of a run, or back to a version).")
    int rollback(@Parameters(paramLabel = "<target>") String target,
                 @Option(names = "--run", paramLabel = "<run-id>", description = "roll back what this run applied") String run,
                 @Option(names = "--to", paramLabel = "<version>", description = "roll back everything after this version") String to,
                 @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass) {
        if (run != null && to != null) {
            throw new UsageException("rollback takes --run or --to, not both");
        }
        String reason = requireChangeAllowed("rollback", target, breakGlass);
        RollbackSelector selector = Optional.ofNullable(run).map(RollbackSelector::run)
                .or(() -> version(to).map(RollbackSelector::after))
                .orElse(RollbackSelector.last());
        RollbackResult result = engine().rollback(target, selector, new ProgressPrinter());
        audits.get().record("cli.rollback", Map.of("target", target, "reason", String.valueOf(reason),
                "rolledBack", result.rolledBack(), "failure", result.failure().map(f -> f.describe()).orElse("none")));
        out.println(result.plan().describe());
        out.println("rolled back: " + (result.rolledBack().isEmpty() ? "nothing" : String.join(", ", result.rolledBack()))
                + (reason == null ? "" : " (break-glass: " + reason + ")"));
        result.failure().ifPresent(f -> err.println(f.describe()));
        return result.success() ? OK : FAILED;
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true, description = "Marks the migrations up to a version as applied, without running them.")
    int baseline(@Parameters(index = "0", paramLabel = "<target>") String target,
                 @Parameters(index = "1", paramLabel = "<version>") String version,
                 @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass) {
        requireChangeAllowed("baseline", target, breakGlass);
        List<Migration> marked = engine().baseline(target, version(version).get(), actor);
        audits.get().record("cli.baseline", Map.of("target", target, "marked", marked.stream().map(Migration::label).toList()));
        marked.forEach(m -> out.println("  marked as applied: " + m.label()));
        return OK;
    }

    /** How lint prints its findings. */
    enum LintFormat { TEXT, JSON }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Finds what in the migrations would stall or break a live database.")
    int lint(@Parameters(paramLabel = "<migrations-dir>") Path dir,
             @Option(names = "--target", paramLabel = "<target>",
                     description = "weigh findings by the live size of this target's tables") String target,
             @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
                     description = "text or json (default: ${DEFAULT-VALUE})") LintFormat format) {
        MigrationDirectoryReader.Reading reading = new MigrationDirectoryReader().readLeniently(dir);
        MigrationCatalog catalog = reading.catalog();
        TableFacts facts = target == null ? TableFacts.UNKNOWN : new LiveTableFacts(engine().targets().get(target));
        LintReport report = new DirectoryLinter().lint(reading, facts);
        if (format == LintFormat.JSON) {
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

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Lists the target's migration history.")
    int history(@Parameters(paramLabel = "<target>") String target) {
        List<AppliedMigration> rows = engine().history(target);
        if (rows.isEmpty()) {
            out.println(target + " has no migration history yet");
        }
        for (AppliedMigration row : rows) {
            out.println("  " + row.version() + " " + row.name() + "  " + (row.success() ? "applied" : "FAILED")
                    + " by " + row.appliedBy() + " at " + row.finishedAt() + " (" + row.executionMs() + " ms)"
                    + (row.reason() == null ? "" : " — " + row.reason()));
        }
        return OK;
    }

    private static final String BREAK_GLASS = "change a target that needs approval, when Slack is down; the reason is recorded";

    /** Returns the break-glass reason, or null on a target that needs no approval. */
    private String requireChangeAllowed(String command, String target, String breakGlassReason) {
        int approvals = engine().targets().get(target).settings().approvalsRequired();
        Optional<String> breakGlass = Optional.ofNullable(breakGlassReason).map(String::strip).filter(r -> !r.isEmpty());
        if (approvals > 0 && breakGlass.isEmpty()) {
            audits.get().record("refused.cli_" + command, Map.of("target", target, "why", "no --break-glass"));
            throw new UsageException(target + " requires " + Plural.of(approvals, "approval") + ": request the change in Slack"
                    + " with /migrate, or pass --break-glass \"<reason>\" if Slack is down");
        }
        return breakGlass.map(r -> "break-glass: " + r).orElse(null);
    }

    private static Optional<MigrationVersion> version(String text) {
        try {
            return Optional.ofNullable(text).map(MigrationVersion::parse);
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
