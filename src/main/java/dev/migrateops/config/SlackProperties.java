package dev.migrateops.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slack settings, from {@code migrateops.slack} (mapped from {@code SLACK_BOT_TOKEN},
 * {@code SLACK_SIGNING_SECRET} and {@code SLACK_APP_TOKEN} in application.yml). Tokens are never printed.
 *
 * @param botToken      {@code SLACK_BOT_TOKEN}: posts and updates messages
 * @param signingSecret {@code SLACK_SIGNING_SECRET}: checks that HTTP requests come from Slack
 * @param appToken      {@code SLACK_APP_TOKEN}: Socket Mode instead of a public URL
 * @param apiBaseUrl    Slack's Web API, e.g. {@code https://slack.com/api/}; GovSlack, proxies and tests
 *                      point it elsewhere. Keep the trailing slash.
 * @param keepDelivered how long messages delivered to Slack stay in the outbox (undelivered ones stay)
 * @param keepRequestKeys how long the ids of handled requests are kept to recognise Slack's retries
 */
@ConfigurationProperties("migrateops.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken,
                              @DefaultValue("https://slack.com/api/") String apiBaseUrl,
                              @DefaultValue("30d") Duration keepDelivered,
                              @DefaultValue("1d") Duration keepRequestKeys) {

    public boolean socketMode() {
        return appToken != null && !appToken.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[apiBaseUrl=" + apiBaseUrl + ", socketMode=" + socketMode() + "]";
    }
}
