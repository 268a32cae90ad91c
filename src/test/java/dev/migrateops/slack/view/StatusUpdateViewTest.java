package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.audit.Actor;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import dev.migrateops.run.RunSteps;
import dev.migrateops.run.StatusSnapshot;
import dev.migrateops.engine.HealthSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusUpdateViewTest {

    private static final Instant T0 = Instant.parse("2026-11-21T02:00:00Z");

    @Test
    void anUpdateSaysWhereTheRunIsWhatIsDoneWhatRunsHealthAndWhenTheNextComes() {
        MigrationRun run = new MigrationRun(42, "production", RunState.APPLYING, new Actor("U0ALICE", "alice"), null, null,
                new RunPlan("db", List.of(), List.of(), List.of()), "C0PROD", "applying", T0, null, null, null, null, null,
                T0, T0, null);
        Instant at = T0.plus(Duration.ofMinutes(62));
        StatusSnapshot snapshot = new StatusSnapshot(2, at, Duration.ofMinutes(62), List.of(
                new RunSteps.Step("pre-checks", T0, T0.plusSeconds(2), "done"),
                new RunSteps.Step("backup", T0.plusSeconds(2), T0.plusSeconds(50), "done"),
                new RunSteps.Step("applying", T0.plusSeconds(50), null, null)),
                List.of("U0BOB"), Optional.of("1.2 GB, verified"),
                Optional.of(new HealthSnapshot(38, Duration.ofMillis(1200), 0, 0, Optional.empty())), null, T0.plus(Duration.ofMinutes(90)));

        assertThat(StatusUpdateView.text(run, snapshot)).isEqualTo("""
                🕒 Status update #2 — production run #42 — APPLYING (T+1h02)
                Done: pre-checks 2 s · backup 48 s
                Now: applying for 1 h 1 min
                Approved by <@U0BOB> · backup 1.2 GB, verified
                Health now: 38 connections · longest query 1.2 s · 0 lock waits · 0 invalid indexes
                Next update at <!date^1795231800^{time}|03:30 UTC> (in 28 min) · `/migrate status 42`""");
    }

    @Test
    void aCatchUpUpdateSaysHowManyWereMissed() {
        MigrationRun run = new MigrationRun(42, "production", RunState.MONITORING, new Actor("U0ALICE", "alice"), null, null,
                new RunPlan("db", List.of(), List.of(), List.of()), "C0PROD", "monitoring", T0, null, null, null, null, null,
                T0, T0, null);
        StatusSnapshot snapshot = new StatusSnapshot(4, T0.plus(Duration.ofMinutes(125)), Duration.ofMinutes(125), List.of(),
                List.of(), Optional.empty(), Optional.empty(), "connection refused", T0.plus(Duration.ofMinutes(150)), 2);

        assertThat(StatusUpdateView.text(run, snapshot).lines().toList().get(1))
                .isEqualTo("Catching up: 2 earlier updates could not be posted while MigrateOps, its database or Slack was away");
    }
}
