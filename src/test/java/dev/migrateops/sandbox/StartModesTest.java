package dev.migrateops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.support.BotProcess;
import dev.migrateops.support.FakeSlackApi;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as a real process, started as people start it: with nothing configured, from a directory that
 * is not the repository, it serves the sandbox; with production settings but no Slack token, it stops
 * at once with a short report that names the missing setting, and no sandbox.
 */
class StartModesTest {

    @Test
    void withNothingConfiguredTheSandboxServesFromAnyDirectory(@TempDir Path anywhere) throws Exception {
        try (BotProcess bot = BotProcess.start("sandbox-anywhere", Map.of(), anywhere)) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    bot.slackEndpoint().resolve("/sandbox")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(bot.log()).contains("sandbox").doesNotContain("cannot be read");
            try (var unpacked = Files.walk(Path.of("target", "tmp", "migrateops-sandbox"))) {
                assertThat(unpacked.map(Path::toString)).anyMatch(p -> p.endsWith("demo/schema.sql"));
            }
        }
    }

    @Test
    void productionSettingsWithoutASlackTokenStopTheStartWithAShortReport(@TempDir Path anywhere) throws Exception {
        PostgresServer server = PostgresServer.get();
        try (TestDatabase store = server.createDatabase("half_configured")) {
            Map<String, String> halfConfigured = Map.of("SPRING_DATASOURCE_URL", store.jdbcUrl(),
                    "SPRING_DATASOURCE_USERNAME", server.user(),
                    "SPRING_DATASOURCE_PASSWORD", server.password() == null ? "" : server.password());

            assertThatThrownBy(() -> BotProcess.start("half-configured", halfConfigured, anywhere))
                    .hasMessageContaining("APPLICATION FAILED TO START")
                    .hasMessageContaining("SLACK_BOT_TOKEN (migrateops.slack.bot-token) is not set")
                    .hasMessageContaining("--sandbox");
            String log = Files.readString(Path.of("target", "bot-half-configured.log"));
            assertThat(log.lines().filter(line -> line.startsWith("\tat "))).as("no stack trace").isEmpty();
            assertThat(server.databasesNamedLike("sandbox_%")).as("no sandbox databases on that server").isZero();
        }
    }

    @Test
    void aTargetThatNeedsBackupsWithoutTheClientToolsStopsTheStartWithAShortReport(@TempDir Path anywhere) throws Exception {
        PostgresServer server = PostgresServer.get();
        try (TestDatabase store = server.createDatabase("no_tools_store"); TestDatabase target = server.createDatabase("no_tools_target");
             FakeSlackApi slack = new FakeSlackApi()) {
            // a target that requires backups (the default), and nowhere to find pg_dump, pg_restore and psql
            Map<String, String> production = productionStart(store, target, slack, "test-bot-token-no-tools",
                    Map.of("MIGRATEOPS_BACKUP_BIN_DIR", anywhere.resolve("no-such-dir").toString(), "MIGRATEOPS_TARGETS_PROD_APPROVERS", "U0BOB"));

            assertThatThrownBy(() -> BotProcess.start("no-tools", production, anywhere))
                    .hasMessageContaining("APPLICATION FAILED TO START")
                    .hasMessageContaining("back up and restore prod cannot be run")
                    .hasMessageContaining("pg_dump was not found")
                    .hasMessageContaining("MIGRATEOPS_BACKUP_BIN_DIR");
            String log = Files.readString(Path.of("target", "bot-no-tools.log"));
            assertThat(log.lines().filter(line -> line.startsWith("\tat "))).as("no stack trace").isEmpty();
            assertThat(log).doesNotContain("test-bot-token-no-tools");
        }
    }

    @Test
    void aTargetThatNeedsApprovalsButNamesNoApproversStopsTheStartWithAShortReport(@TempDir Path anywhere) throws Exception {
        PostgresServer server = PostgresServer.get();
        try (TestDatabase store = server.createDatabase("no_approvers_store"); TestDatabase target = server.createDatabase("no_approvers");
             FakeSlackApi slack = new FakeSlackApi()) {
            Map<String, String> production = productionStart(store, target, slack, "test-bot-token-open",
                    Map.of("MIGRATEOPS_TARGETS_PROD_BACKUP", "off"));

            assertThatThrownBy(() -> BotProcess.start("no-approvers", production, anywhere))
                    .hasMessageContaining("APPLICATION FAILED TO START")
                    .hasMessageContaining("migrateops.targets.prod.approvers")
                    .hasMessageContaining("anyone in the workspace could approve");
            String log = Files.readString(Path.of("target", "bot-no-approvers.log"));
            assertThat(log.lines().filter(line -> line.startsWith("\tat "))).as("no stack trace").isEmpty();
        }
    }

    /** A production start: the bot's store, Slack, and one target {@code prod} (approvals required: the default), plus {@code more}. */
    private static Map<String, String> productionStart(TestDatabase store, TestDatabase target, FakeSlackApi slack, String botToken,
                                                       Map<String, String> more) {
        PostgresServer server = PostgresServer.get();
        String password = server.password() == null ? "" : server.password();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("SPRING_DATASOURCE_URL", store.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", server.user(), "SPRING_DATASOURCE_PASSWORD", password, "SLACK_BOT_TOKEN", botToken,
                "SLACK_SIGNING_SECRET", "start-modes-secret", "MIGRATEOPS_SLACK_API_BASE_URL", slack.apiBaseUrl()));
        settings.putAll(Map.of("MIGRATEOPS_TARGETS_PROD_JDBC_URL", target.jdbcUrl(), "MIGRATEOPS_TARGETS_PROD_USERNAME", server.user(),
                "MIGRATEOPS_TARGETS_PROD_PASSWORD", password, "MIGRATEOPS_TARGETS_PROD_INCIDENT_CHANNEL", "C0PROD"));
        settings.putAll(more);
        return settings;
    }
}
