package dev.migrateops.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.audit.Audited;
import dev.migrateops.backup.BackupRetention;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.backup.BackupToolsHealth;
import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.ApplyProperties;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.SourceProperties;
import dev.migrateops.config.LeaseProperties;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.CountingDataSource;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.worker.InstanceId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run core wired by hand, without Slack: a real bot store and real targets, the pipeline on the calling
 * thread, run events recorded and audited as the application's listeners would. {@link #failOn} makes a
 * listener throw, as a crash between a decision's writes would.
 */
final class RunCore implements AutoCloseable {

    static final Actor ALICE = new Actor("U0ALICE", "alice");
    static final Actor BOB = new Actor("U0BOB", "bob");
    static final Actor CAROL = new Actor("U0CAROL", "carol");
    static final InstanceId INSTANCE = new InstanceId("mo-test");
    static final Optional<MigrationVersion> FIRST_TWO = Optional.of(MigrationVersion.parse("20251206091000"));

    /** The demo shop with the example migrations: one approval from bob or carol, no backup. */
    final TestDatabase staging;
    /** The same, needing two approvals and staging's checksums first. */
    final TestDatabase production;

    final BotStore store;
    final CountingDataSource counted;
    final JdbcClient jdbc;
    final MigrationEngine engine;
    final RunRepository runs;
    final AuditLog audit;
    final RunRequests requests;
    final RunPlanner planner;
    final RunApprovals approvals;
    final RunRollbacks rollbacks;
    final RunBlockers blockers;
    final RunSteps steps;
    final RunLeases leases;
    final RunTransitions transitions;
    final RunRecovery recovery;
    /** Where backups go: a directory per target below it. */
    final Path backupDir;
    final CompletionReports reports;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    /** When each event was published ({@code System.nanoTime()}), in the order of {@link #events}. */
    final List<Long> publishedAt = new CopyOnWriteArrayList<>();
    private volatile Consumer<RunEvent> fault = event -> { };

    RunCore(String purpose) {
        this(purpose, Map.of(), Path.of("target", "git-cache"));
    }

    /** With {@code sources}: both targets read their migrations from the first one, a git repository. */
    RunCore(String purpose, Map<String, SourceProperties> sources, Path gitCache) {
        staging = PostgresServer.get().createDatabase(purpose + "_staging").withDemoShop();
        production = PostgresServer.get().createDatabase(purpose + "_production").withDemoShop();
        String source = sources.keySet().stream().findFirst().orElse(null);
        Map<String, TargetProperties> targets = Map.of("staging", target(staging, 1, null, source),
                "production", target(production, 2, "staging", source));
        store = new BotStore(purpose + "_store");
        counted = new CountingDataSource(store.dataSource());
        jdbc = JdbcClient.create(counted);
        Clock clock = Clock.systemUTC();
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(counted));
        engine = Engines.over(new MigrateOpsProperties(targets, ApplyProperties.defaults(), sources, gitCache));
        runs = new RunRepository(jdbc, json, clock);
        audit = new AuditLog(jdbc, json, clock);
        backupDir = Path.of("target", "backups-" + purpose);
        BackupProperties backupSettings = new BackupProperties(backupDir, Duration.ofMinutes(5),
                BackupProperties.Switch.AUTO, BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), "");
        BackupStore backupStore = new BackupStore(jdbc);
        BackupService backups = new BackupService(backupSettings, clock);
        RunSteps steps = new RunSteps(jdbc, clock, json);
        ApplicationEventPublisher[] publisher = new ApplicationEventPublisher[1];
        StepActivity activity = new StepActivity(steps);
        reports = new CompletionReports(jdbc, runs, steps, audit, backupStore, event -> publisher[0].publishEvent(event), json, clock);
        publisher[0] = event -> {
            if (event instanceof Audited audited) {
                audit.on(audited);
            }
            if (event instanceof RunEvent.WorkProgressed progressed) {
                activity.on(progressed);
            }
            if (event instanceof RunEvent.BlockersSeen seen) {
                activity.on(seen);
            }
            if (event instanceof RunEvent runEvent) {
                synchronized (events) {
                    publishedAt.add(System.nanoTime());
                    events.add(runEvent);
                }
                fault.accept(runEvent);
                reports.onRunEvent(runEvent);
            }
        };
        RunEvents runEvents = new RunEvents(publisher[0]);
        planner = new RunPlanner(engine, backupSettings, new BackupToolsHealth(engine.targets(), backups.tools()),
                dev.migrateops.support.Tracers.onThisMachine());
        ApprovalPolicy policy = new ApprovalPolicy(new dev.migrateops.policy.Policy(dev.migrateops.config.PolicyProperties.none(), (user, group) -> false), clock);
        leases = new RunLeases(jdbc);
        transitions = new RunTransitions(runs, steps, runEvents, transaction, engine, leases, INSTANCE);
        ApplyCancellations cancellations = new ApplyCancellations(engine);
        BackupRetention retention = new BackupRetention(backupStore, runId -> true, backupSettings, audit, clock);
        RunPipeline pipeline = new RunPipeline(List.of(
                new PreChecksStep(planner, runs, runEvents, transitions),
                new BackupStep(engine, backups, backupStore, backupSettings, retention, transitions, clock),
                new ApplyStep(planner, engine, transitions, cancellations),
                new VerifyStep(engine, transitions)),
                runs, steps, runEvents, transitions, cancellations,
                new RunRollback(runs, steps, runEvents, transitions, engine, backups, backupStore, cancellations), new ExecutingRuns(), engine,
                new MonitoringProperties(Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(30), 5, 1000), Runnable::run, clock);
        RunDecisions decisions = new RunDecisions(runs, audit, engine, runEvents, pipeline, transaction, leases, INSTANCE,
                new LeaseProperties(Duration.ofSeconds(20), Duration.ofSeconds(1)), clock);
        requests = new RunRequests(runs, planner, policy, engine, runEvents, leases, decisions);
        recovery = new RunRecovery(runs, leases, engine, audit, runEvents, transitions, pipeline, INSTANCE,
                new LeaseProperties(Duration.ofSeconds(20), Duration.ofSeconds(1)), clock, backups, backupStore);
        approvals = new RunApprovals(runs, planner, policy, engine, runEvents, decisions);
        rollbacks = new RunRollbacks(runs, engine, runEvents, backups, backupStore, decisions, policy);
        blockers = new RunBlockers(runs, engine, runEvents, decisions, policy, steps);
        this.steps = steps;
    }

    private static TargetProperties target(TestDatabase db, int approvals, String upstream, String source) {
        return new TargetProperties(db.jdbcUrl(), PostgresServer.get().user(), PostgresServer.get().password(), Path.of("migrations"),
                "C0" + db.name().toUpperCase(), approvals, Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
                List.of(BOB.id(), CAROL.id()), upstream, null, false, Duration.ofHours(4), TargetProperties.BackupMode.OFF,
                null, null, TargetProperties.TraceMode.ON, source, null, null, null, null, null, null, null);
    }

    /** Staging gets the first two example migrations: requested by alice, approved by carol, completed. */
    MigrationRun applyOnStaging() {
        MigrationRun upstream = requests.request("staging", ALICE, "first", FIRST_TWO);
        approvals.approve(upstream.id(), CAROL);
        return runs.get(upstream.id());
    }

    /** From now on, hearing an event of this type fails, after the listeners before it have written. */
    void failOn(Class<? extends RunEvent> type) {
        fault = event -> {
            if (type.isInstance(event)) {
                throw new IllegalStateException("injected crash on " + type.getSimpleName());
            }
        };
    }

    <T extends RunEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** When the first event of a type was published ({@code System.nanoTime()}). */
    long firstEventAt(Class<? extends RunEvent> type) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (type.isInstance(events.get(i))) {
                    return publishedAt.get(i);
                }
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " was published");
    }

    List<String> actions(long runId) {
        return audit.forRun(runId).stream().map(e -> e.action()).toList();
    }

    @Override
    public void close() {
        engine.targets().close();
        store.close();
        staging.close();
        production.close();
    }
}
