package dev.migrateops.slack.outbox;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where each live reply of a run's thread is in Slack, once its first post was answered: later versions edit it. */
@Repository
class SlackLiveReplies {

    private final JdbcClient jdbc;

    SlackLiveReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> ts(long runId, String key) {
        return jdbc.sql("SELECT ts FROM slack_live_replies WHERE run_id = ? AND reply_key = ?").params(runId, key)
                .query(String.class).optional();
    }

    /** The first answer wins: a live reply is posted once, then edited. */
    void remember(long runId, String key, String ts) {
        jdbc.sql("INSERT INTO slack_live_replies (run_id, reply_key, ts) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(runId, key, ts).update();
    }
}
