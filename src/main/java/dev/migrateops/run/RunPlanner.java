package dev.migrateops.run;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.Revision;
import dev.migrateops.backup.BackupToolsHealth;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.Drift;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.PlanSnapshot;
import dev.migrateops.engine.PreCheck;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.lint.DirectoryLinter;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.LiveTableFacts;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.Trace;
import dev.migrateops.trace.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Freezes what a run would apply, and what stands in its way (drift, migrations missing upstream, lint),
 * from one snapshot of the target: its migrations directory and history are read once per plan.
 */
@Component
public class RunPlanner {

    private final MigrationEngine engine;
    private final BackupProperties backups;
    private final BackupToolsHealth tools;
    private final MigrationTracer tracer;
    private final DirectoryLinter linter = new DirectoryLinter();

    public RunPlanner(MigrationEngine engine, BackupProperties backups, BackupToolsHealth tools, MigrationTracer tracer) {
        this.engine = engine;
        this.backups = backups;
        this.tools = tools;
        this.tracer = tracer;
    }

    /** The target's migrations (at the run's commit, for a git source) and history, read once, for a step of a run. */
    public PlanSnapshot snapshot(MigrationRun run) {
        return engine.snapshot(run.target(), upTo(run), revisionOf(run));
    }

    /** The files a run was planned on: its commit, for a git source. */
    public static Revision revisionOf(MigrationRun run) {
        return Revision.pinned(run.plan().commit());
    }

    /**
     * The whole plan for a card: pending migrations, drift, upstream, lint — reconciled with a trace of the
     * migrations on a copy of the target's schema — and a preview of the pre-checks, the trace's outcome among them.
     */
    public RunPlan plan(String target, Optional<MigrationVersion> to) {
        return plan(target, to, Revision.latest());
    }

    /** As {@link #plan(String, Optional)}, on the files of a revision: a branch, tag or commit of a git source. */
    public RunPlan plan(String target, Optional<MigrationVersion> to, Revision revision) {
        PlanSnapshot snapshot = engine.snapshot(target, to, revision);
        List<Migration> pending = snapshot.pending();
        TargetDatabase database = engine.targets().get(target);
        Trace trace = tracer.trace(database, pending);
        LintReport lint = linter.lint(pending, new LiveTableFacts(database), trace);
        List<PreCheck> checks = new ArrayList<>();
        if (!pending.isEmpty()) {
            checks.addAll(preChecks(snapshot, true));
            checks.add(TraceSummary.of(trace));
        }
        return readiness(snapshot, lint.findings(), checks);
    }



    /**
     * What stands in the run's way now: its migrations, drift and upstream read live. Lint and the pre-check
     * preview are the run's own as long as its migrations are the same (they were judged on those files);
     * when the migrations changed, the whole plan is made again.
     */
    public RunPlan readinessOf(MigrationRun run) {
        RunPlan now = readinessOf(run, snapshot(run));
        return now.fingerprint().equals(run.plan().fingerprint()) ? now : plan(run.target(), upTo(run), revisionOf(run));
    }

    /** As {@link #readinessOf(MigrationRun)} on a snapshot already read, without planning again when it differs. */
    public RunPlan readinessOf(MigrationRun run, PlanSnapshot snapshot) {
        return readiness(snapshot, run.plan().lint(), run.plan().preChecks());
    }

    static Optional<MigrationVersion> upTo(MigrationRun run) {
        return Optional.ofNullable(run.toVersion()).map(MigrationVersion::parse);
    }

    /**
     * The live pre-checks for what is pending in the snapshot; where the target requires a backup, also
     * whether pg_dump, pg_restore and psql can back it up and restore it (present, and not older than its server).
     */
    public List<PreCheck> preChecks(PlanSnapshot snapshot) {
        return preChecks(snapshot, false);
    }

    /** @param preview before approval: what the repository wrote runs only with the target's read-only check credential */
    private List<PreCheck> preChecks(PlanSnapshot snapshot, boolean preview) {
        TargetProperties settings = engine.targets().get(snapshot.target()).settings();
        boolean backedUp = settings.backup() == TargetProperties.BackupMode.REQUIRED;
        java.nio.file.Path backupDir = backedUp ? backups.dir() : null;
        List<PreCheck> checks = new ArrayList<>(preview ? engine.previewChecks(snapshot, backupDir) : engine.preChecks(snapshot, backupDir));
        if (backedUp) {
            checks.add(tools.problemFor(engine.targets().get(snapshot.target()))
                    .map(problem -> new PreCheck("backup tools", PreCheck.Status.FAIL, problem))
                    .orElseGet(() -> new PreCheck("backup tools", PreCheck.Status.PASS, "pg_dump, pg_restore and psql can back it up")));
        }
        return checks;
    }

    private RunPlan readiness(PlanSnapshot snapshot, List<dev.migrateops.lint.Finding> lint, List<PreCheck> preChecks) {
        String target = snapshot.target();
        List<PlannedMigration> migrations = snapshot.pending().stream().map(RunPlanner::planned).toList();
        TargetProperties settings = engine.targets().get(target).settings();
        List<String> upstream = new ArrayList<>();
        List<String> missing = missingUpstream(settings, migrations, upstream);
        return new RunPlan(engine.targets().get(target).description(), migrations,
                snapshot.plan().drift().stream().map(Drift::message).toList(), missing, lint, preChecks,
                snapshot.catalog().commit().orElse(null), upstream);
    }

    /** What the upstream target lacks; where it has them, {@code evidence} gets which run and commit applied them. */
    private List<String> missingUpstream(TargetProperties settings, List<PlannedMigration> migrations, List<String> evidence) {
        String upstream = settings.requiresAppliedOn();
        if (upstream == null || upstream.isBlank() || migrations.isEmpty()) {
            return List.of();
        }
        Map<MigrationVersion, AppliedMigration> applied = engine.history(upstream).stream().filter(AppliedMigration::success)
                .collect(Collectors.toMap(row -> MigrationVersion.parse(row.version()), Function.identity(), (first, later) -> later));
        List<String> missing = new ArrayList<>();
        for (PlannedMigration migration : migrations) {
            AppliedMigration there = applied.get(MigrationVersion.parse(migration.version()));
            if (there == null) {
                missing.add(migration.version() + " " + migration.name() + " is not applied on " + upstream);
            } else if (!there.checksum().equals(migration.checksum())) {
                missing.add(migration.version() + " " + migration.name() + " was applied on " + upstream
                        + " with a different checksum");
            } else {
                evidence.add(migration.version() + " applied on " + upstream
                        + (there.runId() == null ? "" : " by run #" + there.runId())
                        + (there.commit() == null ? "" : " from commit " + there.commit().substring(0, Math.min(7, there.commit().length()))));
            }
        }
        return missing;
    }

    static PlannedMigration planned(Migration m) {
        return new PlannedMigration(m.version().toString(), m.name(), m.checksum(), m.transactional(),
                m.transactional() ? "tx" : "no-tx (" + m.up().mode().reason() + ")",
                m.down().isPresent(), m.check().isPresent(), m.verify().isPresent());
    }
}
