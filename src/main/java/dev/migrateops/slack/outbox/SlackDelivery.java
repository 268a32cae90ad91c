package dev.migrateops.slack.outbox;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import java.io.IOException;
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

    /**
     * Where in Slack a message goes: the ts of its run's card (the thread to reply in, or the card to edit) and of the
     * live reply it is a new version of; each null when not posted yet.
     */
    record Posted(String cardTs, String liveTs) {
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
     * @param mayBePosted an earlier try of this message may have reached Slack although its answer was lost:
     *                    a card is then looked for in the channel before it is posted again
     */
    static String send(MethodsClient slack, OutboxMessage message, Posted posted, boolean mayBePosted)
            throws IOException, SlackApiException {
        String cardTs = posted.cardTs();
        return switch (message.kind()) {
            case CHANNEL_MESSAGE -> check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel())
                    .text(message.text()).blocksAsString(message.blocks()))).getTs();
            case THREAD_REPLY -> check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel())
                    .text(message.text()).threadTs(cardTs))).getTs();
            case LIVE_REPLY -> posted.liveTs() != null
                    ? check("chat.update", slack.chatUpdate(r -> r.channel(message.channel()).ts(posted.liveTs())
                    .text(message.text()).blocksAsString(message.blocks()))).getTs()
                    : check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel()).threadTs(cardTs)
                    .text(message.text()).blocksAsString(message.blocks()))).getTs();
            case CARD -> cardTs != null
                    ? check("chat.update", slack.chatUpdate(r -> r.channel(message.channel()).ts(cardTs)
                    .text(message.text()).blocksAsString(message.blocks()))).getTs()
                    : postCard(slack, message, mayBePosted);
            case EPHEMERAL -> {
                check("chat.postEphemeral", slack.chatPostEphemeral(r -> r.channel(message.channel()).user(message.userId())
                        .text(message.text()).blocksAsString(message.blocks())));
                yield null;
            }
        };
    }

    private static String postCard(MethodsClient slack, OutboxMessage message, boolean mayBePosted)
            throws IOException, SlackApiException {
        Optional<String> earlier = Optional.empty();
        if (mayBePosted) {
            try {
                earlier = postedEarlier(slack, message);
            } catch (NotOkException e) {
                // without channels:history the card cannot be looked for: posting again beats not posting at all
                log.warn("could not look for run #{}'s card in {}: {}", message.runId(), message.channel(), e.getMessage());
            }
        }
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel()).text(message.text())
                .blocksAsString(message.blocks())
                .metadata(new Message.Metadata(CARD_EVENT, Map.of("run_id", String.valueOf(message.runId())))))).getTs();
    }

    /** The card an earlier try posted, read back from the channel by its metadata; empty when there is none. */
    private static Optional<String> postedEarlier(MethodsClient slack, OutboxMessage message) throws IOException, SlackApiException {
        var history = check("conversations.history", slack.conversationsHistory(r -> r.channel(message.channel()).limit(100)
                .includeAllMetadata(true)));
        return history.getMessages().stream()
                .filter(m -> m.getMetadata() != null && CARD_EVENT.equals(m.getMetadata().getEventType())
                        && String.valueOf(message.runId()).equals(String.valueOf(m.getMetadata().getEventPayload().get("run_id"))))
                .map(Message::getTs).findFirst();
    }

    private static <T extends SlackApiTextResponse> T check(String method, T response) throws NotOkException {
        if (!response.isOk()) {
            throw new NotOkException(method, response.getError());
        }
        return response;
    }
}
