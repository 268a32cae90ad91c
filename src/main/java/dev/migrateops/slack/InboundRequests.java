package dev.migrateops.slack;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers requests already handled, by Slack's trigger id: a retried delivery or a repeated click
 * is acknowledged but never acted on twice, whichever bot instance receives it.
 */
@Component
class InboundRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    public InboundRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The key of a request: its kind and Slack's id for it, or null when Slack sent none — then there is
     * nothing to tell a repeat by, and it is never taken for one.
     */
    public static String key(String kind, String slackId) {
        return slackId == null || slackId.isBlank() ? null : kind + ":" + slackId;
    }

    /** True the first time a key is seen (always true for a null key). */
    public boolean firstTime(String key) {
        if (key == null || key.isBlank()) {
            return true;
        }
        try {
            jdbc.sql("INSERT INTO inbound_requests (request_key, received_at) VALUES (?, ?)")
                    .params(key, Timestamp.from(clock.instant())).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets the requests received before a moment (Slack retries within minutes); returns how many. */
    public int forgetReceivedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM inbound_requests WHERE received_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
