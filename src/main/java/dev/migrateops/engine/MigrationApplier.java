package dev.migrateops.engine;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.SourceCommit;
import dev.migrateops.config.ApplyProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a target's pending migrations in order, each in its own transaction where it can be, and stops
 * at the first failure. Plans again under the target's advisory lock, so what runs is what is pending
 * at that moment, and refuses when the history has drifted.
 */
final class MigrationApplier {

    private final Clock clock;
    private final ApplyProperties settings;
    private final MigrationHistory history = new MigrationHistory();
    private final MigrationPlanner planner = new MigrationPlanner();
    private final AdvisoryLock lock = new AdvisoryLock();
    private final InvalidIndexes invalidIndexes = new InvalidIndexes();
    private final ToolAdoption adoptions = new ToolAdoption();

    public MigrationApplier(ApplyProperties settings, Clock clock) {
        this.clock = clock;
        this.settings = settings;
    }

    public ApplyResult apply(TargetDatabase target, MigrationCatalog catalog, ApplyRequest request,
                             ApplyListener listener) throws SQLException {
        try (Connection conn = target.connection();
             ChangeSession session = ChangeSession.open(conn, target, request.runId() == null ? "cli" : ChangeSession.ofRun(request.runId()));
             AdvisoryLock.Held held = lock.acquire(conn, target.name());
             BlastRadius radius = new BlastRadius(target::connection, session.pid(),
                     settings.forTarget(target.settings()).blastRadius())) {
            listener.sessionStarted(session.pid());
            history.ensureTable(conn);
            List<AppliedMigration> own = history.read(conn);
            ToolAdoption.Adoption adoption = adoptions.read(conn, catalog, own);
            MigrationPlan plan = planner.plan(target.name(), catalog, own, request.to(), adoption, clock.instant());
            if (plan.blockedByDrift()) {
                throw new DriftException(target.name(), plan.drift());
            }
            List<Migration> pending = plan.pending().stream().map(PendingMigration::migration).toList();
            List<String> actual = pending.stream().map(m -> m.version() + ":" + m.checksum()).toList();
            if (request.expected().isPresent() && !request.expected().get().equals(actual)) {
                throw new PlanChangedException(target.name(), request.expected().get(), actual);
            }
            String commit = catalog.commit().map(SourceCommit::sha).orElse(null);
            ScriptRunner runner = new ScriptRunner(settings.forTarget(target.settings()), clock, radius, target::connection);
            adopt(conn, adoption, request, commit, listener);
            Optional<ToolHistory> tool = ToolHistory.of(catalog.layout());
            List<Migration> applied = new ArrayList<>();
            for (Migration migration : pending) {
                Instant startedAt = clock.instant();
                listener.migrationStarted(migration);
                Set<InvalidIndexes.Index> invalidBefore = migration.transactional() ? Set.of() : invalidIndexes.list(conn);
                ScriptOutcome outcome = runner.run(conn, migration.version().toString(), migration.up(), c -> {
                    Instant finishedAt = clock.instant();
                    history.record(c, migration, request, startedAt, finishedAt, null, commit);
                    if (tool.isPresent()) {
                        tool.get().recordApplied(c, migration, startedAt, finishedAt);
                    }
                }, listener);
                if (!outcome.success() && !migration.transactional()) {
                    outcome = recordPartWay(target, conn, migration, request, commit, startedAt, outcome, invalidBefore);
                }
                listener.migrationFinished(migration, outcome);
                if (!outcome.success()) {
                    return new ApplyResult(target.name(), applied, outcome.failure(),
                            pending.subList(applied.size() + 1, pending.size()));
                }
                applied.add(migration);
            }
            return new ApplyResult(target.name(), applied, Optional.empty(), List.of());
        }
    }

    /**
     * Part of a migration ran and stays: it is recorded, so nobody takes the target for untouched. On the
     * apply's own session, or — when the target closed that one — on a new session, which also tells which
     * index builds the lost session left INVALID (the lost session could not look).
     */
    private ScriptOutcome recordPartWay(TargetDatabase target, Connection conn, Migration migration, ApplyRequest request,
                                        String commit, Instant startedAt, ScriptOutcome outcome, Set<InvalidIndexes.Index> invalidBefore)
            throws SQLException {
        if (conn.isValid(2)) {
            history.record(conn, migration, request, startedAt, clock.instant(), outcome.failure().get().describe(), commit);
            return outcome;
        }
        try (Connection fresh = target.connection()) {
            List<String> leftBehind = invalidIndexes.list(fresh).stream().filter(index -> !invalidBefore.contains(index))
                    .map(InvalidIndexes.Index::qualified).toList();
            ScriptOutcome seen = new ScriptOutcome(outcome.duration(),
                    Optional.of(outcome.failure().get().withInvalidIndexesLeft(leftBehind)), outcome.lockTimeouts());
            history.record(fresh, migration, request, startedAt, clock.instant(), seen.failure().get().describe(), commit);
            return seen;
        }
    }

    /** Records in one transaction what the team's tool applied before MigrateOps first came, and says so. */
    private void adopt(Connection conn, ToolAdoption.Adoption adoption, ApplyRequest request, String commit,
                       ApplyListener listener) throws SQLException {
        if (adoption.adopted().isEmpty()) {
            return;
        }
        history.recordUnrun(conn, adoption.adopted(), new ApplyRequest(adoption.adoptedBy(), request.runId(),
                "adopted from " + adoption.table(), Optional.empty()), clock.instant(), commit);
        listener.historyAdopted(adoption.table(), adoption.adopted());
    }

}
