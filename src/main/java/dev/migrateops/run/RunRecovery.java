package dev.migrateops.run;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.config.LeaseProperties;
import dev.migrateops.engine.AppliedMigration;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.Rerunnable;
import dev.migrateops.worker.InstanceId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes over runs whose instance died: only runs whose lease expired, each by one instance. The dead
 * instance's sessions on the target are ended first (its locks go with them). A run that had not yet
 * touched the target (APPROVED, PRECHECKS, BACKUP) starts its pre-checks again; one caught applying,
 * verifying or rolling back becomes INTERRUPTED with what the target's history says was applied.
 */
@Component
public class RunRecovery {

    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);

    private final RunRepository runs;
    private final RunLeases leases;
    private final MigrationEngine engine;
    private final AuditLog audit;
    private final RunEvents events;
    private final RunTransitions transitions;
    private final RunPipeline pipeline;
    private final InstanceId me;
    private final LeaseProperties settings;
    private final Clock clock;
    private final BackupService backups;
    private final BackupStore backupStore;

    RunRecovery(RunRepository runs, RunLeases leases, MigrationEngine engine, AuditLog audit, RunEvents events,
                RunTransitions transitions, RunPipeline pipeline, InstanceId me, LeaseProperties settings, Clock clock,
                BackupService backups, BackupStore backupStore) {
        this.runs = runs;
        this.leases = leases;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.transitions = transitions;
        this.pipeline = pipeline;
        this.me = me;
        this.settings = settings;
        this.clock = clock;
        this.backups = backups;
        this.backupStore = backupStore;
    }

    /** Claims the runs whose lease expired and recovers each. Returns how many. */
    public int recoverExpired() {
        Instant now = clock.instant();
        List<RunLeases.Recovered> claimed = leases.claimExpired(me, now, now.plus(settings.lease()));
        claimed.forEach(this::recover);
        return claimed.size();
    }

    private void recover(RunLeases.Recovered claimed) {
        MigrationRun run = runs.get(claimed.runId());
        int ended = endSessionsOf(run, claimed.deadWorker());
        removeLeftovers(run);
        if (run.state().beforeApplying()) {
            transitions.inRun(run.id(), () -> {
                MigrationRun resumed = runs.transition(run.id(), RunState.APPROVED, "starting", null);
                events.publish(new RunEvent.Resumed(resumed, run.state(), ended, java.util.Optional.empty()));
            });
            log.warn("run #{} was {} on an instance that stopped; starting its pre-checks again", run.id(), run.state());
            pipeline.start(run.id());
        } else if (run.state() == RunState.APPLYING && safeToGoOnApplying(run, claimed.deadWorker())) {
            transitions.tell(new RunEvent.Resumed(run, run.state(), ended, inFlight(run, mineOn(run))));
            log.warn("run #{} was applying on an instance that stopped; applying what is left", run.id());
            pipeline.resumeApplying(run.id());
        } else {
            interrupt(run, ended);
        }
    }

    /**
     * Applying can go on only where nothing is half-done, or half-done can be redone: no session of the dead
     * instance is left on the target, its history shows no migration of this run part-way, and the migration
     * it was on either runs in one transaction (so it rolled back with the session) or consists of statements
     * that can run again ({@link Rerunnable}: an interrupted index build's invalid index is dropped and built
     * again, a built one kept). The apply step then checks the approved checksums of what is left, under the
     * target's lock.
     */
    private boolean safeToGoOnApplying(MigrationRun run, String deadWorker) {
        try {
            if (deadWorker != null && engine.sessions(run.target(), sessionsOf(run, deadWorker)) > 0) {
                return false;
            }
            List<AppliedMigration> mine = mineOn(run);
            if (mine.stream().anyMatch(row -> !row.success())) {
                return false;
            }
            return inFlight(run, mine).map(m -> m.transactional() || rerunnable(run, m)).orElse(false);
        } catch (RuntimeException e) {
            log.warn("run #{}: cannot tell whether applying can go on safely: {}", run.id(), e.getMessage());
            return false;
        }
    }

    /** Scratch databases and unregistered dump files of the run's backup step, left by the stopped worker. */
    private void removeLeftovers(MigrationRun run) {
        try {
            List<String> removed = backups.removeLeftoversOf(engine.targets().get(run.target()), run.id(),
                    backupStore.filesOfRun(run.id()));
            if (!removed.isEmpty()) {
                audit.record(run.id(), Actor.BOT, "recovery.leftovers_removed", Map.of("removed", removed));
            }
        } catch (RuntimeException e) {
            log.warn("run #{}: could not remove what its backup step left: {}", run.id(), e.getMessage());
        }
    }

    /**
     * Ends what the stopped worker still has open on the target: its transaction, its locks. A dead instance's
     * sessions all go; where the worker was this instance, only the run's own sessions.
     */
    private int endSessionsOf(MigrationRun run, String deadWorker) {
        if (deadWorker == null) {
            return 0;
        }
        try {
            return engine.endSessions(run.target(), sessionsOf(run, deadWorker));
        } catch (RuntimeException e) {
            log.warn("run #{}: could not end the sessions of instance {} on {}: {}", run.id(), deadWorker, run.target(), e.getMessage());
            return 0;
        }
    }

    /** The rows of the target's history this run wrote. */
    private List<AppliedMigration> mineOn(MigrationRun run) {
        return engine.history(run.target()).stream().filter(row -> String.valueOf(run.id()).equals(row.runId())).toList();
    }

    /** The approved migration the stopped worker was on: the first one its history does not show. */
    private static java.util.Optional<PlannedMigration> inFlight(MigrationRun run, List<AppliedMigration> mine) {
        return run.plan().migrations().stream().filter(m -> mine.stream().noneMatch(row -> row.version().equals(m.version())))
                .findFirst();
    }

    private boolean rerunnable(MigrationRun run, PlannedMigration planned) {
        return engine.catalog(run.target(), RunPlanner.revisionOf(run)).migrations().stream()
                .filter(m -> m.version().is(planned.version()) && m.checksum().equals(planned.checksum()))
                .findFirst().map(Rerunnable::wholly).orElse(false);
    }

    private String sessionsOf(MigrationRun run, String worker) {
        InstanceId instance = new InstanceId(worker);
        return instance.equals(me) ? instance.applicationName() + "/run-" + run.id() : instance.applicationName();
    }

    private String invalidIndexes(MigrationRun run) {
        List<String> invalid = engine.invalidIndexes(run.target());
        return invalid.isEmpty() ? "" : " (invalid indexes on the target: " + String.join(", ", invalid) + ")";
    }

    private void interrupt(MigrationRun run, int sessionsEnded) {
        String applied;
        try {
            List<AppliedMigration> rows = engine.history(run.target()).stream()
                    .filter(row -> String.valueOf(run.id()).equals(row.runId())).toList();
            applied = rows.isEmpty() ? "nothing" : rows.stream()
                    .map(r -> r.version() + " " + r.name() + (r.success() ? "" : " (part-way)")).collect(Collectors.joining(", "));
            // a migration outside a transaction leaves what its finished statements did, history or not
            String partWay = inFlight(run, rows).filter(m -> !m.transactional()).map(m -> "; " + m.version() + " " + m.name()
                    + " runs outside a transaction and may be part-way" + invalidIndexes(run)).orElse("");
            applied = applied + partWay;
            audit.record(run.id(), Actor.BOT, "run.recovered_history", Map.of("applied", rows.stream()
                    .map(r -> r.version() + ":" + r.checksum() + (r.success() ? "" : ":failed")).toList()));
        } catch (RuntimeException e) {
            applied = "unknown — the target's history could not be read (" + e.getMessage() + ")";
        }
        String outcome = "interrupted: MigrateOps stopped while the run was " + run.state() + "; according to " + run.target()
                + "'s history, this run applied: " + applied;
        RollbackOptions options = transitions.rollbackOptions(run);
        String what = applied;
        transitions.inRun(run.id(), () -> {
            MigrationRun after = runs.transition(run.id(), RunState.INTERRUPTED, null, outcome);
            events.publish(new RunEvent.Interrupted(after, run.state(), what, sessionsEnded, options));
        });
        log.warn("run #{} was {} on an instance that stopped; marked INTERRUPTED", run.id(), run.state());
    }
}
