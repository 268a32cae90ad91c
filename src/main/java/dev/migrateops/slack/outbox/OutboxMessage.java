package dev.migrateops.slack.outbox;

/**
 * A message waiting in the outbox.
 *
 * @param kind   how it is delivered
 * @param runId  the run whose card or thread it belongs to, or null
 * @param userId the only reader of an ephemeral message
 * @param blocks Block Kit JSON, or null for text only
 * @param replyKey which live reply of the run's thread it is a version of; null for other kinds
 */
record OutboxMessage(long id, String channel, Kind kind, Long runId, String userId, String text, String blocks,
                            String replyKey, int attempts) {

    /**
     * What to do with it. A CARD is posted when the run has none yet, else updated in place; a LIVE_REPLY likewise,
     * as one reply in the card's thread per key.
     */
    public enum Kind { CARD, THREAD_REPLY, LIVE_REPLY, CHANNEL_MESSAGE, EPHEMERAL }
}
