package dev.migrateops.run;

import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupException;
import dev.migrateops.backup.BackupListener;
import dev.migrateops.backup.BackupRetention;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.backup.Rehearsal;
import dev.migrateops.backup.Verification;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.Progress;
import dev.migrateops.engine.TargetDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A verified backup before anything is applied, unless the target says {@code backup: off}: the dump,
 * its restore check on a scratch copy and, where configured, a rehearsal of the migrations on that copy.
 */
@Component
class BackupStep implements RunStep {

    private final MigrationEngine engine;
    private final BackupService backups;
    private final BackupStore backupStore;
    private final BackupProperties settings;
    private final BackupRetention retention;
    private final RunTransitions transitions;
    private final Clock clock;

    BackupStep(MigrationEngine engine, BackupService backups, BackupStore backupStore, BackupProperties settings,
               BackupRetention retention, RunTransitions transitions, Clock clock) {
        this.engine = engine;
        this.backups = backups;
        this.backupStore = backupStore;
        this.settings = settings;
        this.retention = retention;
        this.transitions = transitions;
        this.clock = clock;
    }

    @Override
    public Step step() {
        return Step.BACKUP;
    }

    @Override
    public boolean run(MigrationRun run, StepContext context) {
        TargetDatabase target = engine.targets().get(run.target());
        TargetProperties targetSettings = target.settings();
        if (targetSettings.backup() == TargetProperties.BackupMode.OFF) {
            transitions.tell(new RunEvent.BackupSkipped(run));
            return true;
        }
        long start = System.nanoTime();
        BackupArtifact backup;
        try {
            transitions.tell(new RunEvent.BackupStarted(run));
            backup = backupStore.save(backups.take(target, run.id(), new DumpProgress(run)));
        } catch (BackupException e) {
            transitions.fail(run, new Failure(Failure.Kind.BACKUP, "The backup failed — nothing was applied", List.of(e.getMessage())));
            return false;
        }
        transitions.tell(new RunEvent.BackupTaken(run, backup));
        Optional<Rehearsal> rehearsal = settings.rehearsalFor(targetSettings)
                ? Optional.of(new MigrationRehearsal(engine, run)) : Optional.empty();
        Verification verification = backups.verify(backup, target, settings.restoreCheckFor(targetSettings), rehearsal);
        if (!verification.passed()) {
            transitions.fail(run, verification.rehearsal() != null
                            ? new Failure(Failure.Kind.REHEARSAL, "The rehearsal on a restored copy failed — production was not touched",
                                    verification.failures())
                            : new Failure(Failure.Kind.BACKUP_UNVERIFIED, "The backup could not be verified — nothing was applied",
                                    verification.failures()),
                    new RunEvent.BackupVerified(run, backup, verification, since(start)));
            return false;
        }
        BackupArtifact verified = backupStore.markVerified(backup, clock.instant(), verification.summary());
        transitions.tell(new RunEvent.BackupVerified(run, verified, verification, since(start)));
        retention.apply(run.target());
        return true;
    }

    /** Tells a long dump's progress, and its end only when some progress was told. */
    private final class DumpProgress implements BackupListener {
        private final MigrationRun run;
        private boolean told;

        DumpProgress(MigrationRun run) {
            this.run = run;
        }

        @Override
        public void progressed(Progress progress) {
            if (told || !progress.finished()) {
                told = true;
                transitions.tell(new RunEvent.WorkProgressed(run, "", progress));
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
