package dev.migrateops.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.audit.Audited;
import dev.migrateops.backup.BackupRetention;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.CountingDataSource;
import dev.migrateops.support.Engines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    final BotStore store;
    final CountingDataSource counted;
    final JdbcClient jdbc;
    final MigrationEngine engine;
    final RunRepository runs;
    final AuditLog audit;
    final RunService service;
    final CompletionReports reports;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private volatile Consumer<RunEvent> fault = event -> { };

    RunCore(String purpose, Map<String, TargetProperties> targets) {
        store = new BotStore(purpose);
        counted = new CountingDataSource(store.dataSource());
        jdbc = JdbcClient.create(counted);
        Clock clock = Clock.systemUTC();
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(counted));
        engine = Engines.over(targets);
        runs = new RunRepository(jdbc, json, clock);
        audit = new AuditLog(jdbc, json, clock);
        BackupProperties backupSettings = new BackupProperties(Path.of("target", "backups-" + purpose), Duration.ofMinutes(5),
                BackupProperties.Switch.AUTO, BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), "");
        BackupStore backupStore = new BackupStore(jdbc);
        BackupService backups = new BackupService(backupSettings, clock);
        RunSteps steps = new RunSteps(jdbc, clock);
        ApplicationEventPublisher[] publisher = new ApplicationEventPublisher[1];
        reports = new CompletionReports(jdbc, runs, steps, audit, backupStore, event -> publisher[0].publishEvent(event), json, clock);
        publisher[0] = event -> {
            if (event instanceof Audited audited) {
                audit.on(audited);
            }
            if (event instanceof RunEvent runEvent) {
                events.add(runEvent);
                fault.accept(runEvent);
                reports.onRunEvent(runEvent);
            }
        };
        RunEvents runEvents = new RunEvents(publisher[0]);
        RunPlanner planner = new RunPlanner(engine, backupSettings);
        ApprovalPolicy policy = new ApprovalPolicy((user, group) -> false, clock);
        RunTransitions transitions = new RunTransitions(runs, steps, runEvents, transaction, engine);
        ApplyCancellations cancellations = new ApplyCancellations(engine);
        BackupRetention retention = new BackupRetention(backupStore, runId -> true, backupSettings, audit, clock);
        RunPipeline pipeline = new RunPipeline(List.of(
                new PreChecksStep(planner, engine, runs, runEvents, transitions),
                new BackupStep(engine, backups, backupStore, backupSettings, retention, transitions, clock),
                new ApplyStep(planner, engine, transitions, cancellations),
                new VerifyStep(engine, transitions)),
                runs, steps, runEvents, transitions, cancellations,
                new RunRollback(runs, steps, runEvents, transitions, engine, backups, backupStore, cancellations), engine,
                new MonitoringProperties(Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(30), 5, 1000), Runnable::run, clock);
        service = new RunService(runs, planner, policy, audit, engine, runEvents, pipeline, backups, backupStore, transaction);
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

    List<String> actions(long runId) {
        return audit.forRun(runId).stream().map(e -> e.action()).toList();
    }

    @Override
    public void close() {
        engine.targets().close();
        store.close();
    }
}
