package dev.migrateops.slack.outbox;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where each run's card is in Slack: its channel and message timestamp, once Slack has answered the post. */
@Repository
public class SlackCards {

    private final JdbcClient jdbc;

    public SlackCards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The card's message timestamp, which its updates and its thread replies need. */
    public Optional<String> ts(long runId) {
        return jdbc.sql("SELECT ts FROM slack_cards WHERE run_id = ?").param(runId).query(String.class).optional();
    }

    /** The first answer wins: a card is posted once. */
    void remember(long runId, String channel, String ts) {
        jdbc.sql("INSERT INTO slack_cards (run_id, channel, ts) VALUES (?, ?, ?) ON CONFLICT (run_id) DO NOTHING")
                .params(runId, channel, ts).update();
    }
}
