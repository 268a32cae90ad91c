package dev.migrateops.engine;

import dev.migrateops.catalog.SqlScript;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationCatalog;
import dev.migrateops.catalog.MigrationSources;
import dev.migrateops.catalog.Revision;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.ApplyProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations on a named target — plan, apply (then verify), verify, rollback, baseline, history —
 * that the command line and the Slack bot share. The migrations are read afresh each time, from the target's
 * directory or from its git source at the revision asked for.
 */
public final class MigrationEngine {

    private final TargetRegistry targets;
    private final MigrationSources sources;
    private final MigrationPlanner planner = new MigrationPlanner();
    private final MigrationHistory history = new MigrationHistory();
    private final MigrationVerifier verifier = new MigrationVerifier();
    private final FindingQueries checks = new FindingQueries();
    private final PreCheckRunner preChecks = new PreCheckRunner();
    private final HealthProbe healthProbe = new HealthProbe();
    private final MigrationApplier applier;
    private final MigrationRollback rollback;
    private final MigrationBaseline baseline;
    private final ToolAdoption adoptions = new ToolAdoption();
    private final Blockers blockers = new Blockers();
    private final ProgressReader progress = new ProgressReader();
    private final Clock clock;

    public MigrationEngine(TargetRegistry targets, ApplyProperties settings, Clock clock) {
        this(targets, settings, clock, MigrationSources.directoriesOnly());
    }

    public MigrationEngine(TargetRegistry targets, ApplyProperties settings, Clock clock, MigrationSources sources) {
        this.targets = targets;
        this.sources = sources;
        this.clock = clock;
        this.applier = new MigrationApplier(settings, clock);
        this.rollback = new MigrationRollback(settings, clock);
        this.baseline = new MigrationBaseline(clock);
    }

    public TargetRegistry targets() {
        return targets;
    }

    public MigrationSources sources() {
        return sources;
    }

    public MigrationCatalog catalog(String targetName) {
        return catalog(targetName, Revision.latest());
    }

    public MigrationCatalog catalog(String targetName, Revision revision) {
        return sources.read(targets.get(targetName).settings(), revision);
    }

    public MigrationPlan plan(String targetName, Optional<MigrationVersion> to) {
        return snapshot(targetName, to).plan();
    }

    public PlanSnapshot snapshot(String targetName, Optional<MigrationVersion> to) {
        return snapshot(targetName, to, Revision.latest());
    }

    /** The target's migrations (at the revision) and history, each read once, and what is pending up to {@code to}. */
    public PlanSnapshot snapshot(String targetName, Optional<MigrationVersion> to, Revision revision) {
        TargetDatabase target = targets.get(targetName);
        MigrationCatalog catalog = catalog(targetName, revision);
        return access(target, "read the migration history", () -> {
            try (Connection conn = target.connection()) {
                List<AppliedMigration> own = history.read(conn);
                return new PlanSnapshot(catalog, planner.plan(target.name(), catalog, own, to,
                        adoptions.read(conn, catalog, own), clock.instant()));
            }
        });
    }

    public ApplyOutcome apply(String targetName, ApplyRequest request, ApplyListener listener) {
        return apply(snapshot(targetName, request.to()), request, listener);
    }

    /** Applies what is pending in the snapshot's files, then verifies what it applied. */
    public ApplyOutcome apply(PlanSnapshot snapshot, ApplyRequest request, ApplyListener listener) {
        Map<String, Long> before = rowCounts(snapshot);
        ApplyResult result = applyPending(snapshot, request, listener);
        if (result.applied().isEmpty()) {
            return new ApplyOutcome(result, Optional.empty());
        }
        return new ApplyOutcome(result, Optional.of(verify(snapshot.target(), result.applied(), before)));
    }

    /** Rows per table the pending migrations touch, before they run: what verification compares with. */
    public Map<String, Long> rowCounts(PlanSnapshot snapshot) {
        TargetDatabase target = targets.get(snapshot.target());
        return access(target, "count rows", () -> {
            try (Connection conn = target.connection()) {
                return verifier.snapshot(conn, snapshot.pending());
            }
        });
    }

    /**
     * Applies what is pending in the snapshot's files. The history is read again under the target's
     * advisory lock, and the request's expected checksums must still match, or nothing runs.
     */
    public ApplyResult applyPending(PlanSnapshot snapshot, ApplyRequest request, ApplyListener listener) {
        TargetDatabase target = targets.get(snapshot.target());
        return access(target, "apply migrations", () -> applier.apply(target, snapshot.catalog(), request, listener));
    }

    /** Runs the verify queries of migrations just applied, compares row counts, and looks for invalid indexes. */
    public VerificationReport verify(String targetName, List<Migration> applied, Map<String, Long> before) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "verify", () -> {
            try (Connection conn = target.connection()) {
                return verifier.verify(conn, applied, before);
            }
        });
    }

    /**
     * Applies a target's pending migrations to another database — a restored copy of it — for a rehearsal.
     * The copy gets the target's migrations directory and the same approved-plan check.
     */
    public ApplyResult applyToCopy(String targetName, Revision revision, TargetDatabase copy, ApplyRequest request,
                                   ApplyListener listener) {
        MigrationCatalog catalog = catalog(targetName, revision);
        return access(copy, "rehearse on a restored copy", () -> applier.apply(copy, catalog, request, listener));
    }

    /** Runs the verify queries of every applied migration and looks for invalid indexes. */
    public VerificationReport verify(String targetName) {
        TargetDatabase target = targets.get(targetName);
        MigrationCatalog catalog = catalog(targetName);
        return access(target, "verify", () -> {
            try (Connection conn = target.connection()) {
                List<Migration> applied = history.read(conn).stream().filter(AppliedMigration::success)
                        .flatMap(row -> catalog.find(MigrationVersion.parse(row.version())).stream()).toList();
                return verifier.verify(conn, applied, null);
            }
        });
    }

    /**
     * Runs the {@code .check.sql} queries of the given migrations read-only: each returned row is a finding.
     * Returns one line per query that found something.
     */
    public List<String> check(String targetName, List<String> versions) {
        return check(snapshot(targetName, Optional.empty()), versions);
    }

    /** As {@link #check(String, List)}, on the files of a snapshot. */
    public List<String> check(PlanSnapshot snapshot, List<String> versions) {
        TargetDatabase target = targets.get(snapshot.target());
        MigrationCatalog catalog = snapshot.catalog();
        return access(target, "run pre-checks", () -> {
            List<String> findings = new ArrayList<>();
            try (Connection conn = target.connection()) {
                for (String version : versions) {
                    Optional<Migration> migration = catalog.find(MigrationVersion.parse(version));
                    if (migration.isPresent() && migration.get().check().isPresent()) {
                        checks.run(conn, migration.get().check().get()).forEach(f -> findings.add(f.describe()));
                    }
                }
            }
            return findings;
        });
    }

    /** The target's live pre-checks for what is pending now (see {@link PreCheckRunner}). */
    public List<PreCheck> preChecks(String targetName, Optional<MigrationVersion> to, java.nio.file.Path backupDir) {
        return preChecks(snapshot(targetName, to), backupDir);
    }

    /** The live pre-checks for what is pending in the snapshot. */
    public List<PreCheck> preChecks(PlanSnapshot snapshot, java.nio.file.Path backupDir) {
        TargetDatabase target = targets.get(snapshot.target());
        return access(target, "run pre-checks", () -> {
            try (Connection conn = target.connection()) {
                return preChecks.run(conn, snapshot.pending(), backupDir);
            }
        });
    }

    /**
     * The live pre-checks before approval. The bot's own checks read the target as always; what the repository wrote
     * (each {@code .check.sql}) runs only as the target's verified read-only check credential, or not before approval.
     */
    public List<PreCheck> previewChecks(PlanSnapshot snapshot, java.nio.file.Path backupDir) {
        TargetDatabase target = targets.get(snapshot.target());
        return access(target, "run pre-checks", () -> {
            try (Connection conn = target.connection()) {
                return preChecks.run(conn, snapshot.pending(), backupDir, (migration, script) -> preview(target, migration, script));
            }
        });
    }

    private PreCheck preview(TargetDatabase target, Migration migration, SqlScript script) {
        String name = PreCheckRunner.checkName(migration);
        if (!target.settings().hasCheckCredential()) {
            return new PreCheck(name, PreCheck.Status.WARN, "runs after approval, at the pre-checks step: " + target.name()
                    + " has no read-only check credential (check-username) to preview it with before approval");
        }
        try (Connection conn = target.checkConnection()) {
            List<String> problems = CheckCredential.problems(conn);
            if (!problems.isEmpty()) {
                return new PreCheck(name, PreCheck.Status.WARN, "runs after approval, at the pre-checks step: the check credential "
                        + target.settings().checkUsername() + " may do more than read (" + String.join("; ", problems) + ")");
            }
            conn.setReadOnly(true);
            return preChecks.checkQueries(conn, migration, script);
        } catch (SQLException e) {
            return new PreCheck(name, PreCheck.Status.WARN, "runs after approval, at the pre-checks step: the check credential "
                    + "could not connect (" + e.getMessage() + ")");
        }
    }

    /** Sequential scans so far per table ({@code pg_stat_user_tables.seq_scan}), for the tables that exist. */
    public Map<String, Long> seqScans(String targetName, java.util.Collection<String> tables) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "read table statistics", () -> {
            Map<String, Long> scans = new java.util.TreeMap<>();
            try (Connection conn = target.connection();
                 var ps = conn.prepareStatement("SELECT seq_scan FROM pg_stat_user_tables WHERE relid = to_regclass(?)")) {
                for (String table : tables) {
                    ps.setString(1, table);
                    try (var rs = ps.executeQuery()) {
                        if (rs.next()) {
                            scans.put(table, rs.getLong(1));
                        }
                    }
                }
            }
            return scans;
        });
    }

    public HealthSnapshot health(String targetName) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "read the target's health", () -> {
            try (Connection conn = target.connection()) {
                return healthProbe.probe(conn);
            }
        });
    }

    /**
     * Ends every session on the target named {@code applicationName}, or below it ({@code name/…}) — a stopped
     * instance's, or one run's: its open transaction rolls back and its locks are released. Returns how many.
     */
    public int endSessions(String targetName, String applicationName) {
        int ended = sessionQuery(targetName, applicationName, "count(*) FILTER (WHERE pg_terminate_backend(pid))");
        // a terminated backend goes away a moment later; wait for that (up to 5 s), so callers see it gone
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (ended > 0 && sessions(targetName, applicationName) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ended;
    }

    /** The target's invalid indexes, qualified and quoted as they must be typed. */
    public List<String> invalidIndexes(String targetName) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "list invalid indexes", () -> {
            try (Connection conn = target.connection()) {
                return new InvalidIndexes().list(conn).stream().map(InvalidIndexes.Index::qualified).toList();
            }
        });
    }

    /** How many sessions on the target are named {@code applicationName} or below it. */
    public int sessions(String targetName, String applicationName) {
        return sessionQuery(targetName, applicationName, "count(*)");
    }

    private int sessionQuery(String targetName, String applicationName, String select) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "look at the sessions of an instance", () -> {
            try (Connection conn = target.connection();
                 var ps = conn.prepareStatement("SELECT " + select + " FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND pid <> pg_backend_pid() AND (application_name = ? OR application_name LIKE ? ESCAPE '\\')")) {
                ps.setString(1, applicationName);
                ps.setString(2, applicationName.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The sessions on the target that hold locks the backend {@code pid} is waiting for, oldest transaction first. */
    public List<Blocker> blockersOf(String targetName, int pid) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "look at the sessions blocking the migration", () -> {
            try (Connection conn = target.connection()) {
                return blockers.of(conn, pid);
            }
        });
    }

    /**
     * Cancels the statement of (or with {@code terminate}, ends) a session that blocks run {@code runId}'s change —
     * that very session, while it is still in its transaction. Returns who it was; empty when nothing was done.
     */
    public Optional<Blocker> endBlocker(String targetName, long runId, int pid, Instant backendStart, boolean terminate) {
        TargetDatabase target = targets.get(targetName);
        return access(target, terminate ? "terminate a blocking session" : "cancel a blocking session's statement", () -> {
            try (Connection conn = target.connection()) {
                return blockers.end(conn, ChangeSession.ofRun(runId), pid, backendStart, terminate);
            }
        });
    }

    /** What the statement a change session runs now has done so far; empty when it runs none. */
    public Optional<Progress> progressOf(String targetName, int pid) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "look at the running statement's progress", () -> {
            try (Connection conn = target.connection()) {
                return progress.of(conn, pid);
            }
        });
    }

    /** Cancels the running statement of a backend on the target, e.g. an apply someone cancelled. */
    public boolean cancelBackend(String targetName, int pid) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "cancel the running statement", () -> {
            try (Connection conn = target.connection();
                 var ps = conn.prepareStatement("SELECT pg_cancel_backend(?)")) {
                ps.setInt(1, pid);
                try (var rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    public RollbackPlan rollbackPlan(String targetName, RollbackSelector selector) {
        return rollbackPlan(targetName, selector, Revision.latest());
    }

    /** How a rollback would undo what the selector names, with the down files of a revision (a run's commit). */
    public RollbackPlan rollbackPlan(String targetName, RollbackSelector selector, Revision revision) {
        TargetDatabase target = targets.get(targetName);
        MigrationCatalog catalog = catalog(targetName, revision);
        return access(target, "read the migration history", () -> {
            try (Connection conn = target.connection()) {
                return rollback.plan(target.name(), catalog, history.read(conn), selector);
            }
        });
    }

    public RollbackResult rollback(String targetName, RollbackSelector selector, ApplyListener listener) {
        return rollback(targetName, selector, listener, Revision.latest());
    }

    public RollbackResult rollback(String targetName, RollbackSelector selector, ApplyListener listener, Revision revision) {
        TargetDatabase target = targets.get(targetName);
        MigrationCatalog catalog = catalog(targetName, revision);
        return access(target, "roll back", () -> rollback.rollback(target, catalog, selector, listener));
    }

    public List<Migration> baseline(String targetName, MigrationVersion version, String actor) {
        TargetDatabase target = targets.get(targetName);
        MigrationCatalog catalog = catalog(targetName);
        return access(target, "baseline", () -> baseline.baseline(target, catalog, version, actor));
    }

    public List<AppliedMigration> history(String targetName) {
        TargetDatabase target = targets.get(targetName);
        return access(target, "read the migration history", () -> {
            try (Connection conn = target.connection()) {
                return history.read(conn);
            }
        });
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T access(TargetDatabase target, String action, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new TargetAccessException(target, action, e);
        }
    }
}
