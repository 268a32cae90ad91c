package dev.migrateops.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.methods.MethodsClient;
import dev.migrateops.config.MissingSettingException;
import dev.migrateops.config.SlackProperties;
import dev.migrateops.slack.view.EndBlockerModalView;
import dev.migrateops.slack.view.LiveReplyView;
import dev.migrateops.slack.view.RejectModalView;
import dev.migrateops.slack.view.RestoreModalView;
import dev.migrateops.slack.view.RunCardView;
import java.util.concurrent.Executor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Bolt for Java on Spring Boot: HTTP mode at {@code /slack/events} (signatures checked by Bolt), or
 * Socket Mode when an app token is set. Refuses to start without the settings the mode needs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
public class SlackConfiguration {

    static final String EVENTS_PATH = "/slack/events";
    private static final String HTTP_MODE = "'${migrateops.slack.app-token:}'.isBlank()";

    @Bean(destroyMethod = "close")
    SlackConfig slackConfig(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        String base = properties.apiBaseUrl().endsWith("/") ? properties.apiBaseUrl() : properties.apiBaseUrl() + "/";
        config.setMethodsEndpointUrlPrefix(base);
        // the SDK's own in-memory API statistics start a thread pool per client and are never read here
        config.setStatsEnabled(false);
        return config;
    }

    @Bean
    Slack slack(SlackConfig config) {
        return Slack.getInstance(config);
    }

    @Bean
    MethodsClient slackMethods(Slack slack, SlackProperties properties) {
        return slack.methods(required(properties.botToken(), "SLACK_BOT_TOKEN (migrateops.slack.bot-token)",
                "the bot needs it to post and update messages"));
    }

    @Bean
    App slackApp(SlackProperties properties, Slack slack, SlashCommandHandler commands, ActionHandler actions,
                 InteractionGuard guard) {
        if (!properties.socketMode()) {
            required(properties.signingSecret(), "SLACK_SIGNING_SECRET (migrateops.slack.signing-secret)",
                    "HTTP mode needs it to check that requests come from Slack; or set SLACK_APP_TOKEN for Socket Mode");
        }
        App app = new App(AppConfig.builder()
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                .slack(slack)
                .build());
        app.command("/migrate", commands::handle);
        app.blockAction(RunCardView.APPROVE, guard.clicks(actions::approve));
        app.blockAction(RunCardView.REJECT, guard.clicks(actions::reject));
        app.blockAction(RunCardView.CANCEL, guard.clicks(actions::cancel));
        app.blockAction(RunCardView.ROLLBACK, guard.clicks(actions::rollback));
        app.blockAction(LiveReplyView.CANCEL_BLOCKER, guard.clicks(actions::cancelBlocker));
        app.blockAction(LiveReplyView.TERMINATE_BLOCKER, guard.clicks(actions::terminateBlocker));
        app.viewSubmission(RejectModalView.CALLBACK_ID, guard.submissions(actions::rejectSubmitted));
        app.viewSubmission(EndBlockerModalView.CALLBACK_ID, guard.submissions(actions::blockerEndConfirmed));
        app.viewSubmission(RestoreModalView.CALLBACK_ID, guard.submissions(actions::restoreConfirmed));
        return app;
    }

    @Bean
    @ConditionalOnExpression(HTTP_MODE)
    ServletRegistrationBean<SlackAppServlet> slackEvents(App app) {
        return new ServletRegistrationBean<>(new SlackAppServlet(app), EVENTS_PATH);
    }

    @Bean
    @ConditionalOnExpression(HTTP_MODE)
    FilterRegistrationBean<RejectedRequestAuditFilter> rejectedRequestAudit(RejectedRequestAuditFilter filter) {
        FilterRegistrationBean<RejectedRequestAuditFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(EVENTS_PATH);
        return registration;
    }

    @Bean
    @ConditionalOnExpression("!" + HTTP_MODE)
    SocketModeRunner socketMode(App app, SlackProperties properties) {
        return new SocketModeRunner(app, properties.appToken());
    }

    /** Work behind acknowledged commands and clicks: bounded, so a flood cannot exhaust the bot. */
    @Bean
    Executor slackExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("slack-");
        executor.setCorePoolSize(4);
        executor.setMaxPoolSize(4);
        executor.setQueueCapacity(200);
        executor.initialize();
        return executor;
    }

    /**
     * Commands that may take long (a plan's trace, a backup): a pool of their own, so that status, help and clicks are
     * never queued behind them.
     */
    @Bean
    Executor slackSlowExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("slack-slow-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(100);
        executor.initialize();
        return executor;
    }

    private static String required(String value, String setting, String why) {
        if (value == null || value.isBlank()) {
            throw new MissingSettingException(setting, why);
        }
        return value;
    }
}
