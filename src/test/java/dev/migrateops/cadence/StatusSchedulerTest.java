package dev.migrateops.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.Actor;
import dev.migrateops.backup.BackupStore;
import dev.migrateops.config.CadenceProperties;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import dev.migrateops.support.BotStore;
import dev.migrateops.support.Engines;
import dev.migrateops.support.MutableClock;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.RecordedRunEvents;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.MigrationEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class StatusSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordedRunEvents events = new RecordedRunEvents();
    private BotStore store;
    private TestDatabase target;
    private MigrationEngine engine;
    private RunRepository runs;
    private MigrationRun run;

    @BeforeEach
    void aRunApprovedAtTwoInTheMorning() {
        store = new BotStore("cadence");
        target = PostgresServer.get().createDatabase("cadence_target").withDemoShop();
        engine = Engines.over(Map.of("production", target.target(Path.of("migrations"), 1)));
        runs = new RunRepository(store.jdbc(), new ObjectMapper(), clock);
        run = runs.create("production", new Actor("U0ALICE", "alice"), "indexes", null,
                new RunPlan("db", List.of(), List.of(), List.of()), "C0PROD").orElseThrow();
        runs.transition(run.id(), RunState.APPROVED, "starting", null);
        runs.transition(run.id(), RunState.PRECHECKS, "pre-checks", null);
    }

    @AfterEach
    void dropThem() {
        engine.targets().close();
        store.close();
        target.close();
    }

    /** A bot instance: its own scheduler over the shared store. */
    private StatusScheduler instance() {
        JdbcClient jdbc = store.jdbc();
        return new StatusScheduler(jdbc, store.transactions(), clock,
                new RunRepository(jdbc, new ObjectMapper(), clock), new RunSteps(jdbc, clock, com.fasterxml.jackson.databind.json.JsonMapper.builder().findAndAddModules().build()), engine,
                new BackupStore(jdbc), events.publisher(), new CadenceProperties(Duration.ofMinutes(30), Duration.ofSeconds(1)));
    }

    private void minuteByMinute(StatusScheduler scheduler, int minutes) {
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            scheduler.tick();
        }
    }

    private List<Instant> times() {
        return events.of(RunEvent.StatusUpdate.class).stream().map(u -> u.snapshot().at()).toList();
    }

    private List<Integer> numbers() {
        return events.of(RunEvent.StatusUpdate.class).stream().map(u -> u.snapshot().number()).toList();
    }

    @Test
    void aRunSpanningTwoHoursGetsExactlyOneUpdateAtEachThirtyMinuteSlot() {
        minuteByMinute(instance(), 125);

        assertThat(numbers()).containsExactly(1, 2, 3, 4);
        assertThat(times()).containsExactly(T0.plusSeconds(1800), T0.plusSeconds(3600), T0.plusSeconds(5400), T0.plusSeconds(7200));
    }

    @Test
    void aRestartInTheMiddleResumesTheCadenceWithoutADuplicateOrABurst() {
        minuteByMinute(instance(), 45);
        minuteByMinute(instance(), 80);

        assertThat(numbers()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void afterDowntimeItCatchesUpWithOneUpdateNotABurst() {
        StatusScheduler scheduler = instance();
        minuteByMinute(scheduler, 31);
        clock.advance(Duration.ofMinutes(64));
        scheduler.tick();
        minuteByMinute(scheduler, 30);

        assertThat(numbers()).containsExactly(1, 3, 4);
        assertThat(times().get(1)).isEqualTo(T0.plus(Duration.ofMinutes(95)));
        assertThat(events.of(RunEvent.StatusUpdate.class)).extracting(u -> u.snapshot().missed()).containsExactly(0, 1, 0);
    }

    @Test
    void twoInstancesOnOneDatabaseNeverPostASlotTwice() throws Exception {
        StatusScheduler first = instance();
        StatusScheduler second = instance();
        CyclicBarrier together = new CyclicBarrier(2);
        for (int i = 0; i < 125; i++) {
            clock.advance(Duration.ofMinutes(1));
            Thread other = new Thread(() -> {
                await(together);
                second.tick();
            });
            other.start();
            await(together);
            first.tick();
            other.join();
        }
        assertThat(numbers()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aClosedRunGetsNoMoreUpdates() {
        StatusScheduler scheduler = instance();
        minuteByMinute(scheduler, 31);
        runs.transition(run.id(), RunState.FAILED, null, "failed");
        minuteByMinute(scheduler, 90);

        assertThat(numbers()).containsExactly(1);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
