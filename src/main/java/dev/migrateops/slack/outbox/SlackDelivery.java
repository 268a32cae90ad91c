package dev.migrateops.slack.outbox;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Slack Web API call for one outbox message; returns the message's ts when Slack gives one. */
final class SlackDelivery {

    /** Slack answered 200 with {@code ok: false}: not an exception to Bolt, a failure to us. */
    static final class NotOkException extends IOException {
        private final String error;

        NotOkException(String method, String error) {
            super(method + " answered ok=false: " + error);
            this.error = error;
        }

        String error() {
            return error;
        }

        boolean retryable() {
            return "ratelimited".equals(error) || "internal_error".equals(error) || "fatal_error".equals(error)
                    || "service_unavailable".equals(error) || "request_timeout".equals(error);
        }
    }

    private SlackDelivery() {
    }

    private static final Logger log = LoggerFactory.getLogger(SlackDelivery.class);

    /** Marks a run's card, so that a post whose answer was lost can be found again instead of posted twice. */
    static final String CARD_EVENT = "migrateops_run_card";
    /** Marks every other message with its outbox row, so that a reply whose answer was lost is found in its thread. */
    static final String MESSAGE_EVENT = "migrateops_message";

    /**
     * Where in Slack a message goes: the ts of its run's card (the thread to reply in, or the card to edit) and of the
     * live reply it is a new version of; each null when not posted yet.
     */
    record Posted(String cardTs, String liveTs) {
    }

    /** Slack took a message: where it was to go, and the ts Slack gave it (null for an ephemeral message). */
    record Sent(OutboxMessage message, Posted posted, String ts) {
    }

    /** The Web API method a message is delivered with. */
    static String method(OutboxMessage message, Posted posted) {
        return switch (message.kind()) {
            case CHANNEL_MESSAGE, THREAD_REPLY -> "chat.postMessage";
            case CARD -> posted.cardTs() != null ? "chat.update" : "chat.postMessage";
            case LIVE_REPLY -> posted.liveTs() != null ? "chat.update" : "chat.postMessage";
            case EPHEMERAL -> "chat.postEphemeral";
        };
    }

    /**
     * @param mayBePosted an earlier try of this message may have reached Slack although its answer was lost: the
     *                    message is then looked for where it would be (a card in the channel, a reply in its thread)
     *                    before it is posted again
     */
    static String send(MethodsClient slack, OutboxMessage message, Posted posted, boolean mayBePosted)
            throws IOException, SlackApiException {
        String cardTs = posted.cardTs();
        return switch (message.kind()) {
            case CHANNEL_MESSAGE -> postOnce(slack, message, null, mayBePosted);
            case THREAD_REPLY -> postOnce(slack, message, cardTs, mayBePosted);
            case LIVE_REPLY -> posted.liveTs() != null
                    ? check("chat.update", slack.chatUpdate(r -> r.channel(message.channel()).ts(posted.liveTs())
                    .text(message.text()).blocksAsString(message.blocks()))).getTs()
                    : postOnce(slack, message, cardTs, mayBePosted);
            case CARD -> cardTs != null
                    ? check("chat.update", slack.chatUpdate(r -> r.channel(message.channel()).ts(cardTs)
                    .text(message.text()).blocksAsString(message.blocks()))).getTs()
                    : postOnce(slack, message, null, mayBePosted);
            case EPHEMERAL -> {
                check("chat.postEphemeral", slack.chatPostEphemeral(r -> r.channel(message.channel()).user(message.userId())
                        .text(message.text()).blocksAsString(message.blocks())));
                yield null;
            }
        };
    }

    /**
     * Posts a message marked with metadata (a card by its run, anything else by its outbox row), unless an earlier try
     * already did: then the ts of that post.
     */
    private static String postOnce(MethodsClient slack, OutboxMessage message, String threadTs, boolean mayBePosted)
            throws IOException, SlackApiException {
        Message.Metadata mark = message.kind() == OutboxMessage.Kind.CARD
                ? new Message.Metadata(CARD_EVENT, Map.of("run_id", String.valueOf(message.runId())))
                : new Message.Metadata(MESSAGE_EVENT, Map.of("outbox_id", String.valueOf(message.id())));
        if (mayBePosted) {
            try {
                Optional<String> earlier = postedEarlier(slack, message.channel(), threadTs, mark);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            } catch (NotOkException e) {
                // without channels:history it cannot be looked for: posting again beats not posting at all
                log.warn("could not look for Slack message {} in {}: {}", message.id(), message.channel(), e.getMessage());
            }
        }
        return check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel()).threadTs(threadTs)
                .text(message.text()).blocksAsString(message.blocks()).metadata(mark))).getTs();
    }

    /** The message an earlier try posted, read back from the channel (or the thread) by its metadata. */
    private static Optional<String> postedEarlier(MethodsClient slack, String channel, String threadTs, Message.Metadata mark)
            throws IOException, SlackApiException {
        List<Message> messages = threadTs == null
                ? check("conversations.history", slack.conversationsHistory(r -> r.channel(channel).limit(100)
                        .includeAllMetadata(true))).getMessages()
                : check("conversations.replies", slack.conversationsReplies(r -> r.channel(channel).ts(threadTs).limit(200)
                        .includeAllMetadata(true))).getMessages();
        return messages.stream().filter(m -> m.getMetadata() != null && mark.getEventType().equals(m.getMetadata().getEventType())
                        && mark.getEventPayload().entrySet().stream().allMatch(e ->
                                e.getValue().equals(String.valueOf(m.getMetadata().getEventPayload().get(e.getKey())))))
                .map(Message::getTs).findFirst();
    }

    private static <T extends SlackApiTextResponse> T check(String method, T response) throws NotOkException {
        if (!response.isOk()) {
            throw new NotOkException(method, response.getError());
        }
        return response;
    }
}
