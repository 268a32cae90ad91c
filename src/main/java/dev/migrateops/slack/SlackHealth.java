package dev.migrateops.slack;

import dev.migrateops.slack.outbox.OutboxSender;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code slack} in health and readiness: down while Slack's Web API fails so often that the outbox has
 * stopped trying (its circuit is open). Asks Slack nothing itself.
 */
@Component("slackHealthIndicator")
class SlackHealth extends AbstractHealthIndicator {

    private final OutboxSender outbox;

    SlackHealth(OutboxSender outbox) {
        this.outbox = outbox;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (outbox.slackUnavailable()) {
            health.down().withDetail("why", "Slack's Web API is failing; messages wait in the outbox");
        } else {
            health.up();
        }
    }
}
