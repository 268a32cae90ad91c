package dev.migrateops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.migrateops.config.StartupFailureAnalyzers;
import dev.migrateops.config.UnreachableServiceException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class SocketModeRunnerTest {

    @Test
    void slackThatCannotBeReachedIsSaidSoNotTakenForABadToken() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:1/api/");
        App app = new App(AppConfig.builder().singleTeamBotToken("xoxb-test").slack(Slack.getInstance(config)).build());

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> new SocketModeRunner(app, "xapp-test").start());

        assertThat(failure).isInstanceOf(UnreachableServiceException.class)
                .hasMessageStartingWith("Slack's Web API (http://127.0.0.1:1/api/) cannot be reached: ")
                .hasMessageNotContaining("token is invalid");
        FailureAnalysis report = new StartupFailureAnalyzers.ServiceUnreachable().analyze(failure);
        assertThat(report.getAction()).contains("migrateops.slack.api-base-url");
    }
}
