package dev.migrateops.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.Actor;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.PlannedMigration;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.Engines;
import dev.migrateops.support.MutableClock;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.RecordedRunEvents;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.MigrationEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class MonitoringWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T02:00:00Z"));
    private final RecordedRunEvents events = new RecordedRunEvents();
    private BotStore store;
    private TestDatabase target;
    private MigrationEngine engine;
    private RunRepository runs;
    private MonitoringWindow window;
    private MigrationRun run;

    @BeforeEach
    void aRunWhoseIndexMigrationIsBeingWatched() {
        store = new BotStore("monitoring");
        target = PostgresServer.get().createDatabase("monitoring_target").withDemoShop();
        engine = Engines.over(Map.of("production", target.target(Path.of("migrations"), 1)));
        JdbcClient jdbc = store.jdbc();
        runs = new RunRepository(jdbc, new ObjectMapper(), clock);
        window = new MonitoringWindow(jdbc, store.transactions(), clock, runs, engine,
                events.publisher(),
                new MonitoringProperties(Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofSeconds(1), 5, 3));
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
        assertThat(events.of(RunEvent.MonitoringAlert.class)).isEmpty();

        for (int i = 0; i < 5; i++) {
            target.count("SELECT count(*) FROM product_sales");
        }
        everyMinuteFor(12);

        assertThat(events.of(RunEvent.MonitoringAlert.class)).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo("seq-scans:product_sales");
            assertThat(alert.detail()).contains("sequential scans on product_sales since the migration (threshold 3)");
        });
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.MONITORING);

        everyMinuteFor(105);
        assertThat(runs.get(run.id()).state()).isEqualTo(RunState.COMPLETED);
        assertThat(events.of(RunEvent.Completed.class)).singleElement().satisfies(completed -> {
            assertThat(completed.how()).isEqualTo(RunEvent.Completion.WINDOW_ENDED);
            assertThat(completed.alerts()).containsExactly("seq-scans:product_sales");
        });
        assertThat(events.of(RunEvent.MonitoringAlert.class)).hasSize(1);
    }

    @Test
    void aLongQueryIsNamedInItsAlertWithWhoRunsIt() throws Exception {
        window.tick();
        try (Connection reporting = target.connect()) {
            reporting.createStatement().execute("SET application_name = 'reports'");
            CompletableFuture<Boolean> report = CompletableFuture.supplyAsync(() -> {
                try {
                    return reporting.createStatement().execute("SELECT pg_sleep(4) AS nightly_report");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(3)).until(() -> target.count("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND application_name = 'reports' AND now() - query_start > interval '1.2 seconds'") == 1);

            everyMinuteFor(6);
            report.get();
        }

        assertThat(events.of(RunEvent.MonitoringAlert.class)).filteredOn(alert -> alert.kind().equals("long-query")).singleElement()
                .satisfies(alert -> assertThat(alert.detail()).contains("application \"reports\"",
                        "has been running \"SELECT pg_sleep(4) AS nightly_report\" for", "(threshold 1 s)"));
    }
}
