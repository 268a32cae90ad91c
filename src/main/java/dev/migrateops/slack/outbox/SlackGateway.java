package dev.migrateops.slack.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only way out to Slack: every message is written to the outbox first, then delivered by the
 * {@link OutboxSender}. While Slack is down nothing is lost; when it is back, messages go out once each,
 * in order per channel.
 */
@Component
public class SlackGateway {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxSender sender;

    public SlackGateway(JdbcClient jdbc, Clock clock, OutboxSender sender) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sender = sender;
    }

    /** The run's card as it is now: posted the first time, updated in place after that. */
    public void card(long runId, String channel, String text, String blocks) {
        enqueue(channel, OutboxMessage.Kind.CARD, runId, null, text, blocks);
    }

    public void threadReply(long runId, String channel, String text) {
        enqueue(channel, OutboxMessage.Kind.THREAD_REPLY, runId, null, text, null);
    }

    /**
     * A reply in the run's thread that stays one message: its first version is posted, later ones with the same
     * key edit it (only the newest waiting version is sent).
     */
    public void liveReply(long runId, String channel, String key, String text, String blocks) {
        enqueue(channel, OutboxMessage.Kind.LIVE_REPLY, runId, null, text, blocks, key);
    }

    public void channelMessage(String channel, String text) {
        enqueue(channel, OutboxMessage.Kind.CHANNEL_MESSAGE, null, null, text, null);
    }

    public void channelMessage(String channel, String text, String blocks) {
        enqueue(channel, OutboxMessage.Kind.CHANNEL_MESSAGE, null, null, text, blocks);
    }

    public void ephemeral(String channel, String userId, String text) {
        enqueue(channel, OutboxMessage.Kind.EPHEMERAL, null, userId, text, null);
    }

    private void enqueue(String channel, OutboxMessage.Kind kind, Long runId, String userId, String text, String blocks) {
        enqueue(channel, kind, runId, userId, text, blocks, null);
    }

    private void enqueue(String channel, OutboxMessage.Kind kind, Long runId, String userId, String text, String blocks,
                         String replyKey) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO slack_outbox (channel, kind, run_id, user_id, text, blocks, reply_key, next_attempt_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(channel, kind.name(), runId, userId, text, blocks, replyKey, now, now).update();
        // inside a transaction the row is invisible until commit: wake the sender then, not before
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        } else {
            sender.wake();
        }
    }
}
