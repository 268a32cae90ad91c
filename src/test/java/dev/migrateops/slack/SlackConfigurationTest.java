package dev.migrateops.slack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.MigrateOpsApplication;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class SlackConfigurationTest {

    @Test
    void theBotRefusesToStartInHttpModeWithoutASigningSecretAndSaysWhichSettingIsMissing() {
        PostgresServer server = PostgresServer.get();
        try (TestDatabase store = server.createDatabase("no_secret")) {
            SpringApplicationBuilder app = new SpringApplicationBuilder(MigrateOpsApplication.class).web(WebApplicationType.NONE);

            assertThatThrownBy(() -> app.run("--spring.datasource.url=" + store.jdbcUrl(),
                    "--spring.datasource.username=" + server.user(),
                    "--spring.datasource.password=" + (server.password() == null ? "" : server.password()),
                    "--migrateops.slack.bot-token=xoxb-test",
                    "--migrateops.slack.signing-secret=",
                    "--migrateops.slack.app-token=").close())
                    .rootCause().hasMessageContaining("SLACK_SIGNING_SECRET (migrateops.slack.signing-secret) is not set")
                    .hasMessageContaining("or set SLACK_APP_TOKEN for Socket Mode");
        }
    }
}
