package dev.migrateops.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.config.SlackProperties;
import dev.migrateops.slack.outbox.OutboxRetention;
import dev.migrateops.support.BotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SlackRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final BotStore store = new BotStore("slack_retention");
    private final JdbcClient jdbc = store.jdbc();

    @AfterEach
    void dropTheStore() {
        store.close();
    }

    @Test
    void oldRequestKeysAndOldDeliveredMessagesGoPendingAndFailedOnesAndTheAuditTrailStay() {
        request("command:yesterday-morning", NOW.minus(Duration.ofHours(30)));
        request("command:an-hour-ago", NOW.minus(Duration.ofHours(1)));
        message("SENT", NOW.minus(Duration.ofDays(40)));
        message("SUPERSEDED", NOW.minus(Duration.ofDays(31)));
        message("SENT", NOW.minus(Duration.ofDays(2)));
        message("FAILED", NOW.minus(Duration.ofDays(90)));
        message("PENDING", null);
        jdbc.sql("INSERT INTO audit_events (actor_id, actor_name, action, created_at) VALUES ('U1', 'alice', 'run.requested', ?)")
                .param(java.sql.Timestamp.from(NOW.minus(Duration.ofDays(400)))).update();

        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        AuditLog audit = new AuditLog(jdbc, new ObjectMapper(), clock);
        SlackProperties settings = new SlackProperties(null, null, null, "https://slack.com/api/", Duration.ofDays(30), Duration.ofDays(1));
        new SlackRetention(new InboundRequests(jdbc, clock), new OutboxRetention(jdbc), audit, settings, clock).round();

        assertThat(jdbc.sql("SELECT request_key FROM inbound_requests").query(String.class).list())
                .containsExactly("command:an-hour-ago");
        assertThat(jdbc.sql("SELECT status FROM slack_outbox ORDER BY id").query(String.class).list())
                .containsExactly("SENT", "FAILED", "PENDING");
        assertThat(jdbc.sql("SELECT action FROM audit_events ORDER BY id").query(String.class).list())
                .containsExactly("run.requested", "retention.slack");
        assertThat(jdbc.sql("SELECT details::text FROM audit_events WHERE action = 'retention.slack'").query(String.class).single())
                .contains("\"requestKeys\": 1", "\"deliveredMessages\": 2");
    }

    private void request(String key, Instant at) {
        jdbc.sql("INSERT INTO inbound_requests (request_key, received_at) VALUES (?, ?)").params(key, java.sql.Timestamp.from(at)).update();
    }

    private void message(String status, Instant sentAt) {
        jdbc.sql("INSERT INTO slack_outbox (channel, kind, text, status, next_attempt_at, created_at, sent_at)"
                        + " VALUES ('C0OPS', 'CHANNEL_MESSAGE', 'hello', ?, now(), now(), ?)")
                .params(status, sentAt == null ? null : java.sql.Timestamp.from(sentAt)).update();
    }
}
