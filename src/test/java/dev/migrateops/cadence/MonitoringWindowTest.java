package dev.migrateops.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RunObserver;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.run.StatusSnapshot;
import dev.migrateops.support.Engines;
import dev.migrateops.support.MutableClock;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.target.MigrationEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class MonitoringWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T02:00:00Z"));
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final List<String> steps = new CopyOnWriteArrayList<>();
    private TestDatabase store;
    private TestDatabase target;
    private HikariDataSource dataSource;
    private MigrationEngine engine;
    private RunRepository runs;
    private MonitoringWindow window;
    private MigrationRun run;

    @BeforeEach
    void aRunWhoseIndexMigrationIsBeingWatched() {
        store = PostgresServer.get().createDatabase("monitoring");
        target = PostgresServer.get().createDatabase("monitoring_target").withDemoShop();
        Flyway.configure().dataSource(store.jdbcUrl(), PostgresServer.get().user(), PostgresServer.get().password()).load().migrate();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(store.jdbcUrl());
        dataSource.setUsername(PostgresServer.get().user());
        dataSource.setPassword(PostgresServer.get().password());
        engine = Engines.over(Map.of("production", target.target(Path.of("migrations"), 1)));
        JdbcClient jdbc = JdbcClient.create(dataSource);
        runs = new RunRepository(jdbc, new ObjectMapper(), clock);
        RunObserver observer = new RunObserver() {
            @Override
            public void runChanged(MigrationRun r) {
            }

            @Override
            public void step(MigrationRun r, String message) {
                steps.add(message);
            }

            @Override
            public void alert(MigrationRun r, String message) {
            }

            @Override
            public void monitoringAlert(MigrationRun r, String message) {
                alerts.add(message);
            }

            @Override
            public void statusUpdate(MigrationRun r, StatusSnapshot snapshot) {
            }
        };
        window = new MonitoringWindow(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock, runs, engine,
                new AuditLog(jdbc, new ObjectMapper(), clock), observer,
                new MonitoringProperties(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofSeconds(30), 5, 3));
        run = runs.create("production", new Actor("U0ALICE", "alice"), null, null, new RunPlan("db", List.of(
                new PlannedMigration("20251206090000", "product_sales_indexes", "x", false, "no-tx", true, false, true)),
                List.of(), List.of()), "C0PROD").orElseThrow();
        for (RunState state : List.of(RunState.APPROVED, RunState.PRECHECKS, RunState.BACKUP, RunState.APPLYING, RunState.VERIFYING)) {
            runs.transition(run.id(), state, null, null);
        }
        runs.monitorUntil(run.id(), clock.instant().plus(Duration.ofHours(2)));
        runs.transition(run.id(), RunState.MONITORING, "monitoring", null);
    }

    @AfterEach
    void dropThem() {
        engine.targets().close();
        dataSource.close();
        store.close();
        target.close();
    }

    private void everyMinuteFor(int minutes) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            window.tick();
        }
    }

    @Test
    void sequentialScansPilingUpOnATouchedTableAlertOnceAndTheWindowClosesTheRunAsCompleted() {
        window.tick();
        everyMinuteFor(6);
        assertThat(alerts).isEmpty();

        for (int i = 0; i < 5; i++) {
            target.count("SELECT count(*) FROM product_sales");
        }
        everyMinuteFor(12);

        assertThat(alerts).singleElement().asString().contains("sequential scans on product_sales since the migration (threshold 3)");
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.MONITORING);

        everyMinuteFor(105);
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(steps).containsExactly("🎉 Completed: the monitoring window ended after alerts on seq-scans:product_sales");
        assertThat(alerts).hasSize(1);
    }
}
