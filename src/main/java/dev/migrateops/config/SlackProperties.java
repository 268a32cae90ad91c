package dev.migrateops.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Slack settings, from {@code migrateops.slack} (mapped from {@code SLACK_BOT_TOKEN},
 * {@code SLACK_SIGNING_SECRET} and {@code SLACK_APP_TOKEN} in application.yml). Tokens are never printed.
 *
 * @param apiBaseUrl Slack's Web API, e.g. {@code https://slack.com/api/}; GovSlack, proxies and tests
 *                   point it elsewhere. Keep the trailing slash.
 */
@ConfigurationProperties("migrateops.slack")
public record SlackProperties(String botToken, String signingSecret, String appToken,
                              @DefaultValue("https://slack.com/api/") String apiBaseUrl) {

    public boolean socketMode() {
        return appToken != null && !appToken.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[apiBaseUrl=" + apiBaseUrl + ", socketMode=" + socketMode() + "]";
    }
}
