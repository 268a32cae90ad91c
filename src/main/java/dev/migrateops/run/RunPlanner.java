package dev.migrateops.run;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.lint.DirectoryLinter;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.LiveTableFacts;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.Drift;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.MigrationPlan;
import dev.migrateops.engine.PendingMigration;
import dev.migrateops.engine.PreCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Freezes what a run would apply, and what stands in its way (drift, migrations missing upstream). */
@Component
public class RunPlanner {

    private final MigrationEngine engine;
    private final BackupProperties backups;
    private final DirectoryLinter linter = new DirectoryLinter();

    public RunPlanner(MigrationEngine engine, BackupProperties backups) {
        this.engine = engine;
        this.backups = backups;
    }

    /** The live pre-checks for what is pending on the target now. */
    public List<PreCheck> preChecks(String target, Optional<MigrationVersion> to) {
        TargetProperties settings = engine.targets().get(target).settings();
        return engine.preChecks(target, to, settings.backup() == TargetProperties.BackupMode.REQUIRED ? backups.dir() : null);
    }

    public RunPlan plan(String target, Optional<MigrationVersion> to) {
        MigrationPlan plan = engine.plan(target, to);
        List<PlannedMigration> migrations = plan.pending().stream().map(PendingMigration::migration).map(RunPlanner::planned).toList();
        TargetProperties settings = engine.targets().get(target).settings();
        LintReport lint = linter.lint(plan.pending().stream().map(PendingMigration::migration).toList(),
                new LiveTableFacts(engine.targets().get(target)));
        return new RunPlan(engine.targets().get(target).description(), migrations,
                plan.drift().stream().map(Drift::message).toList(), missingUpstream(settings, migrations), lint.findings(),
                migrations.isEmpty() ? List.of() : preChecks(target, to));
    }

    private List<String> missingUpstream(TargetProperties settings, List<PlannedMigration> migrations) {
        String upstream = settings.requiresAppliedOn();
        if (upstream == null || upstream.isBlank()) {
            return List.of();
        }
        Map<String, AppliedMigration> applied = engine.history(upstream).stream().filter(AppliedMigration::success)
                .collect(Collectors.toMap(AppliedMigration::version, Function.identity()));
        List<String> missing = new ArrayList<>();
        for (PlannedMigration migration : migrations) {
            AppliedMigration there = applied.get(migration.version());
            if (there == null) {
                missing.add(migration.version() + " " + migration.name() + " is not applied on " + upstream);
            } else if (!there.checksum().equals(migration.checksum())) {
                missing.add(migration.version() + " " + migration.name() + " was applied on " + upstream
                        + " with a different checksum");
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
