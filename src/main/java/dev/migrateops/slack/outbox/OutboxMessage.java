package dev.migrateops.slack.outbox;

/**
 * A message waiting in the outbox.
 *
 * @param kind   how it is delivered
 * @param runId  the run whose card or thread it belongs to, or null
 * @param userId the only reader of an ephemeral message
 * @param blocks Block Kit JSON, or null for text only
 */
public record OutboxMessage(long id, String channel, Kind kind, Long runId, String userId, String text, String blocks,
                            int attempts) {

    /** What to do with it. A CARD is posted when the run has none yet, else updated in place. */
    public enum Kind { CARD, THREAD_REPLY, CHANNEL_MESSAGE, EPHEMERAL }
}
