package dev.migrateops.slack;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers requests already handled, by Slack's trigger id: a retried delivery or a repeated click
 * is acknowledged but never acted on twice, whichever bot instance receives it.
 */
@Component
public class InboundRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    public InboundRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time a key is seen. */
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
}
