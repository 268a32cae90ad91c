package dev.migrateops.cli;

import dev.migrateops.audit.Actor;
import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.lint.DirectoryLinter;
import dev.migrateops.lint.Finding;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.LiveTableFacts;
import dev.migrateops.lint.TableFacts;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.MigrationPlan;
import dev.migrateops.engine.PendingMigration;
import dev.migrateops.catalog.DirectoryFiles;
import dev.migrateops.catalog.MigrationLayout;
import dev.migrateops.catalog.Revision;
import dev.migrateops.engine.PlanSnapshot;
import dev.migrateops.engine.UnknownTargetException;
import dev.migrateops.engine.VerificationReport;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunRefusedException;
import dev.migrateops.run.RunState;
import dev.migrateops.text.Plural;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.backup.BackupService;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.trace.Trace;
import dev.migrateops.trace.TraceSummary;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    private final Supplier<Optional<RunAccess>> runCore;
    private final Supplier<MigrationTracer> tracers;
    private final Actor actor;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param engine  the targets, reached only by commands that need one
     * @param tracer  tries migrations on a copy of a target's schema, for lint --target
     * @param runCore the run core in the bot's database, for apply and rollback; empty when it is not configured
     * @param audit   where changes are recorded, asked for only when something changes
     */
    public MigrateOpsCli(Supplier<MigrationEngine> engine, Supplier<MigrationTracer> tracer, Supplier<Optional<RunAccess>> runCore,
                         Actor actor, Supplier<CommandAudit> audit, PrintStream out, PrintStream err) {
        this.engines = engine;
        this.tracers = tracer;
        this.runCore = runCore;
        this.actor = actor;
        this.audits = audit;
        this.out = out;
        this.err = err;
    }

    public MigrateOpsCli(MigrationEngine engine, MigrationTracer tracer, Actor actor, CommandAudit audit, PrintStream out,
                         PrintStream err) {
        this(() -> engine, () -> tracer, Optional::empty, actor, () -> audit, out, err);
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
        err.println("error: " + cause(e));
        if (e instanceof UsageException || e instanceof UnknownTargetException || e instanceof IllegalArgumentException) {
            err.println(commandLine.getHelp().fullSynopsis());
            return USAGE;
        }
        return FAILED;
    }

    /**
     * One line a person can act on: the message of the deepest cause that has one ("FATAL: database \"ops\" does not
     * exist"), not the chain of Spring's bean names above it; no stack trace.
     */
    static String cause(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("---")).reduce((a, b) -> a + "; " + b).orElse(message);
    }

    private MigrationEngine engine() {
        return engines.get();
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Lists what is applied and what is pending on a "
            + "target, any drift, and what the safety linter finds in the pending migrations, traced on a copy of the target's schema.")
    int plan(@Parameters(paramLabel = "<target>") String target,
             @Option(names = "--to", paramLabel = "<version>", description = "plan up to this version") String to,
             @Option(names = "--ref", paramLabel = "<ref>", description = REF) String ref) {
        PlanSnapshot snapshot = engine().snapshot(target, version(to), Revision.ref(ref));
        MigrationPlan plan = snapshot.plan();
        out.println("target " + plan.target() + ": " + plan.applied().size() + " applied, " + plan.pending().size() + " pending");
        snapshot.catalog().commit().ifPresent(commit -> out.println("  commit " + commit.shortSha() + " " + commit.subject()
                + " — " + commit.author() + commit.link().map(link -> " (" + link + ")").orElse("")));
        for (PendingMigration pending : plan.pending()) {
            out.println("  " + describe(pending));
        }
        plan.drift().forEach(d -> out.println("  DRIFT " + d.message()));
        if (plan.pending().isEmpty()) {
            return plan.blockedByDrift() ? FAILED : OK;
        }
        // the same judgement a run's card shows: lint reconciled with the trace on a copy of the schema
        TargetDatabase database = engine().targets().get(target);
        List<Migration> pending = plan.pending().stream().map(PendingMigration::migration).toList();
        Trace trace = tracers.get().trace(database, pending);
        LintReport lint = new DirectoryLinter().lint(pending, new LiveTableFacts(database), trace);
        for (Finding finding : lint.findings()) {
            out.println("  " + finding.severity() + " " + finding.rule() + " at " + finding.location()
                    + (finding.acknowledged() == null ? "" : " (allowed: " + finding.acknowledged() + ")") + ": " + finding.why());
        }
        PreCheck traced = TraceSummary.of(trace);
        out.println("  trace " + traced.status() + ": " + traced.detail());
        return plan.blockedByDrift() || !lint.blocking().isEmpty() ? FAILED : OK;
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = {
            "Applies the pending migrations of a target as a run, through the same steps as a run requested in Slack: "
                    + "lint gate, pre-checks (each .check.sql among them), backup and its restore check where the target "
                    + "requires one, apply, verify; then the target's monitoring window, watched by a running bot.",
            "Needs the bot's database (spring.datasource.url): the run, its backup and its audit trail are recorded there."})
    int apply(@Parameters(paramLabel = "<target>") String target,
              @Option(names = "--to", paramLabel = "<version>", description = "apply up to this version") String to,
              @Option(names = "--ref", paramLabel = "<ref>", description = REF) String ref,
              @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass,
              @Option(names = "--allow-lint", paramLabel = "<reason>",
                      description = "accept the migrations' lint errors, for this reason (recorded)") String allowLint,
              @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
                      description = "text or json: one JSON object per event and line (default: ${DEFAULT-VALUE})")
              RunEventPrinter.Format format) throws InterruptedException {
        Optional<MigrationVersion> upTo = version(to);
        RunAccess runs = runCore("apply");
        engine().targets().get(target);
        Optional<String> waiver = reason(breakGlass);
        runs.listen().accept(new RunEventPrinter(format, out));
        MigrationRun run;
        try {
            run = runs.requests().startNow(target, actor, waiver.map(r -> "break-glass: " + r).orElse("applied from the command line"),
                    upTo, Revision.ref(ref), waiver, reason(allowLint));
        } catch (RunRefusedException e) {
            return refused(e, () -> runs.planner().plan(target, upTo, Revision.ref(ref)).blockingLint());
        }
        return awaitEnd(runs, run);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Runs the verify queries of the applied migrations and checks for invalid indexes.")
    int verify(@Parameters(paramLabel = "<target>") String target) {
        VerificationReport report = engine().verify(target);
        print(report);
        return report.passed() ? OK : FAILED;
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = {
            "Rolls a run back as a Slack rollback does: by its down scripts, newest first, or by restoring its verified "
                    + "backup (--restore, or when a migration has no down script).",
            "Needs the bot's database (spring.datasource.url), where runs and backups are recorded."})
    int rollback(@Parameters(paramLabel = "<target>") String target,
                 @Option(names = "--run", paramLabel = "<run-id>", description = "the run to roll back (default: the target's latest)")
                 Long run,
                 @Option(names = "--restore", description = "restore the run's backup even where down scripts exist") boolean restore,
                 @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass,
                 @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
                         description = "text or json: one JSON object per event and line (default: ${DEFAULT-VALUE})")
                 RunEventPrinter.Format format) throws InterruptedException {
        RunAccess runs = runCore("rollback");
        engine().targets().get(target);
        long runId = Optional.ofNullable(run).or(() -> runs.rollbacks().latestOn(target).map(MigrationRun::id))
                .orElseThrow(() -> new IllegalStateException(target + " has no run to roll back"));
        if (!runs.find().apply(runId).target().equals(target)) {
            throw new UsageException("run #" + runId + " is not a run on " + target);
        }
        Optional<String> waiver = reason(breakGlass);
        runs.listen().accept(new RunEventPrinter(format, out));
        MigrationRun rolling;
        try {
            rolling = runs.rollbacks().startNow(runId, actor, waiver.map(r -> "break-glass: " + r).orElse("rolled back from the command line"),
                    restore, waiver);
        } catch (RunRefusedException e) {
            return refused(e, List::of);
        }
        return awaitEnd(runs, rolling);
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = {
            "Cancels a run, as /migrate cancel does: one not yet applying ends; one applying stops, its running migration "
                    + "rolled back (by the instance applying it). The requester or an approver of the target may.",
            "Needs the bot's database (spring.datasource.url)."})
    int cancel(@Parameters(paramLabel = "<run-id>") long runId) {
        return decided(runCore("cancel").requests()::cancel, runId);
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = {
            "Ends a run's monitoring window early, as /migrate close does: the run completes. A run applied from the command "
                    + "line stays MONITORING for its target's window unless a bot watches it or this closes it. The requester or "
                    + "an approver of the target may.",
            "Needs the bot's database (spring.datasource.url)."})
    int close(@Parameters(paramLabel = "<run-id>") long runId) {
        return decided(runCore("close").requests()::close, runId);
    }

    private int decided(java.util.function.BiFunction<Long, Actor, MigrationRun> decision, long runId) {
        try {
            MigrationRun after = decision.apply(runId, actor);
            out.println("run " + after.label() + ": " + after.state());
            return OK;
        } catch (RunRefusedException e) {
            return refused(e, List::of);
        }
    }

    /** Waits for this process to be done with the run; it succeeded if it completed, or is being watched. */
    private int awaitEnd(RunAccess runs, MigrationRun run) throws InterruptedException {
        runs.executing().awaitDone(run.id());
        MigrationRun end = runs.find().apply(run.id());
        boolean done = end.state() == RunState.COMPLETED || end.state() == RunState.MONITORING || end.state() == RunState.ROLLED_BACK;
        err.println("run " + end.label() + ": " + end.state());
        return done ? OK : FAILED;
    }

    /** A refusal says what to pass to go ahead; lint errors are listed. Nothing to do is no failure: a pipeline re-runs. */
    private int refused(RunRefusedException e, Supplier<List<Finding>> blockingLint) {
        if (e.remedy() == RunRefusedException.Remedy.UP_TO_DATE) {
            err.println(e.getMessage());
            return OK;
        }
        err.println("refused: " + e.getMessage());
        switch (e.remedy()) {
            case WAIVE_APPROVALS -> {
                err.println("Request it in Slack with /migrate, or, if Slack is down, pass --break-glass \"<reason>\"");
                return USAGE;
            }
            case OVERRIDE_LINT -> {
                blockingLint.get().forEach(f -> err.println("  " + f.severity() + " " + f.rule() + " at " + f.location() + ": " + f.why()));
                err.println("Fix the migrations, or accept the errors with --allow-lint \"<reason>\"");
                return FAILED;
            }
            default -> {
                return FAILED;
            }
        }
    }

    private RunAccess runCore(String command) {
        return runCore.get().orElseThrow(() -> new UsageException(command + " runs as a run in the bot's database, with its "
                + "pre-checks, backup and audit trail: set spring.datasource.url (SPRING_DATASOURCE_URL) to the bot's database"));
    }

    private static Optional<String> reason(String given) {
        return Optional.ofNullable(given).map(String::strip).filter(r -> !r.isEmpty());
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true, description = "Marks the migrations up to a version as applied, without running them.")
    int baseline(@Parameters(index = "0", paramLabel = "<target>") String target,
                 @Parameters(index = "1", paramLabel = "<version>") String version,
                 @Option(names = "--break-glass", paramLabel = "<reason>", description = BREAK_GLASS) String breakGlass) {
        requireChangeAllowed("baseline", target, breakGlass);
        List<Migration> marked = engine().baseline(target, version(version).get(), actor.name());
        audits.get().record("cli.baseline", Map.of("target", target, "marked", marked.stream().map(Migration::label).toList()));
        marked.forEach(m -> out.println("  marked as applied: " + m.label()));
        return OK;
    }

    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Finds what in the migrations would stall or break a live database.")
    int lint(@Parameters(paramLabel = "<migrations-dir>", arity = "0..1",
                         description = "a directory of migrations; without it, the --target's own source") Path dir,
             @Option(names = "--target", paramLabel = "<target>", description = "weigh findings by the live size of this target's "
                     + "tables, and try the migrations it has not applied on a copy of its schema") String target,
             @Option(names = "--ref", paramLabel = "<ref>", description = REF + " (with --target and no directory)") String ref,
             @Option(names = "--layout", paramLabel = "<layout>", description = "auto, migrateops, supabase, prisma or flyway "
                     + "(default: auto)") String layout,
             @Option(names = "--trace", description = "without a target: try the migrations, in order, on a throw-away embedded "
                     + "PostgreSQL and judge them by what they do there") boolean traceHere,
             @Option(names = "--schema", paramLabel = "<file.sql>", description = "with --trace: the schema the migrations start "
                     + "from, loaded first") Path schema,
             @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
                     description = "text, json, sarif (GitHub code scanning) or github (workflow annotations) (default: ${DEFAULT-VALUE})")
             LintOutput.Format format) {
        if (dir == null && target == null) {
            throw new UsageException("lint needs a migrations directory, or --target to lint that target's own source");
        }
        if (dir != null && ref != null) {
            throw new UsageException("--ref reads a target's git source: give --target without a directory");
        }
        if (traceHere && target != null) {
            throw new UsageException("--trace is for a directory without a target; --target traces on a copy of that target's schema");
        }
        if (schema != null && !traceHere) {
            throw new UsageException("--schema is what --trace loads first: give --trace too");
        }
        MigrationReader.Reading reading = dir != null
                ? new MigrationReader().readLeniently(new DirectoryFiles(dir), MigrationLayout.named(layout))
                : engine().sources().readLeniently(engine().targets().get(target).settings(), Revision.ref(ref));
        Path root = dir != null ? dir : engine().sources().gitSourceOf(engine().targets().get(target).settings())
                .map(source -> Path.of(source.settings().path())).orElse(engine().targets().get(target).migrationsDir());
        MigrationCatalog catalog = reading.catalog();
        TableFacts facts = TableFacts.UNKNOWN;
        Optional<Trace> trace = Optional.empty();
        if (target != null) {
            TargetDatabase database = engine().targets().get(target);
            facts = new LiveTableFacts(database);
            Set<MigrationVersion> applied = engine().history(target).stream().filter(AppliedMigration::success)
                    .map(row -> MigrationVersion.parse(row.version())).collect(Collectors.toSet());
            trace = Optional.of(tracers.get().trace(database, catalog.migrations().stream()
                    .filter(m -> !applied.contains(m.version())).toList()));
        }
        if (traceHere) {
            trace = Optional.of(EmbeddedTrace.of(catalog.migrations(), Optional.ofNullable(schema)));
        }
        LintReport report = new DirectoryLinter().lint(reading, facts, trace.orElse(Trace.notRun("no --target or --trace")));
        out.println(LintOutput.render(format, new LintOutput.Input(root, report, catalog.migrations().size(),
                trace.map(TraceSummary::of), BuildVersion.number())));
        boolean traceAskedButNotRun = traceHere && !trace.get().ran();
        if (traceAskedButNotRun) {
            err.println("trace not run: " + trace.get().notRunBecause());
        }
        return report.blocking().isEmpty() && !traceAskedButNotRun ? OK : FAILED;
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
    private static final String REF = "a branch, tag or commit of the target's git source (default: its configured branch)";

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
}
