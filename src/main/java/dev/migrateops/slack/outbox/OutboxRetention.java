package dev.migrateops.slack.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Forgets outbox rows that Slack has (sent, or superseded by a newer card); pending and failed rows stay. */
@Repository
public class OutboxRetention {

    private final JdbcClient jdbc;

    public OutboxRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns how many delivered messages older than the cutoff were deleted. */
    public int forgetDeliveredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM slack_outbox WHERE status IN ('SENT', 'SUPERSEDED') AND sent_at < ?")
                .param(Timestamp.from(cutoff)).update();
    }
}
