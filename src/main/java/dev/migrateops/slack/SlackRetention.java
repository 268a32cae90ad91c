package dev.migrateops.slack;

import dev.migrateops.audit.Actor;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.SlackProperties;
import dev.migrateops.slack.outbox.OutboxRetention;
import dev.migrateops.worker.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Hourly: forgets the ids of handled requests after {@code migrateops.slack.keep-request-keys} and delivered
 * outbox messages after {@code migrateops.slack.keep-delivered}, and audits how many. The audit trail
 * itself is never touched.
 */
@Component
class SlackRetention extends BackgroundLoop {

    private final InboundRequests requests;
    private final OutboxRetention outbox;
    private final AuditLog audit;
    private final SlackProperties settings;
    private final Clock clock;

    SlackRetention(InboundRequests requests, OutboxRetention outbox, AuditLog audit, SlackProperties settings, Clock clock) {
        super("slack-retention");
        this.requests = requests;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void round() {
        Instant now = clock.instant();
        int keys = requests.forgetReceivedBefore(now.minus(settings.keepRequestKeys()));
        int messages = outbox.forgetDeliveredBefore(now.minus(settings.keepDelivered()));
        if (keys + messages > 0) {
            audit.record(null, Actor.BOT, "retention.slack", Map.of("requestKeys", keys, "deliveredMessages", messages,
                    "keepRequestKeys", settings.keepRequestKeys().toString(), "keepDelivered", settings.keepDelivered().toString()));
        }
    }

    @Override
    protected long pauseMillis() {
        return Duration.ofHours(1).toMillis();
    }
}
