package dev.migrateops.slack.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.Actor;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunPlan;
import dev.migrateops.run.RunState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringAlertViewTest {

    @Test
    void aBreachMentionsTheRequesterAndApproversAndCarriesAConfirmedRollbackButton() throws Exception {
        Instant t = Instant.parse("2026-11-21T03:00:00Z");
        MigrationRun run = new MigrationRun(42, "production", RunState.MONITORING, new Actor("U0ALICE", "alice"), null, null,
                new RunPlan("db", List.of(), List.of(), List.of()), "C0PROD", "monitoring", t, null, null, null, null, null,
                t, t, null);

        JsonNode blocks = new ObjectMapper().readTree(BlockJson.of(MonitoringAlertView.blocks(run, List.of("U0ALICE", "U0BOB"),
                "12 sessions are waiting on locks (threshold 5)")));

        assertThat(blocks.get(0).path("text").path("text").asText())
                .isEqualTo("🚨 <@U0ALICE> <@U0BOB> production run #42 while monitoring: 12 sessions are waiting on locks (threshold 5)");
        JsonNode button = blocks.get(1).path("elements").get(0);
        assertThat(button.path("action_id").asText()).isEqualTo("run_rollback");
        assertThat(button.path("value").asText()).isEqualTo("42");
        assertThat(button.path("style").asText()).isEqualTo("danger");
        assertThat(button.path("confirm").path("confirm").path("text").asText()).isEqualTo("Ask for rollback");
    }
}
