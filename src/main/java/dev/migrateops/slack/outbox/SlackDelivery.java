package dev.migrateops.slack.outbox;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;

/** One Slack Web API call for one outbox message; returns the message's ts when Slack gives one. */
final class SlackDelivery {

    /** Slack answered 200 with {@code ok: false}: not an exception to Bolt, a failure to us. */
    static final class NotOkException extends IOException {
        private final String error;

        NotOkException(String method, String error) {
            super(method + " answered ok=false: " + error);
            this.error = error;
        }

        boolean retryable() {
            return "ratelimited".equals(error) || "internal_error".equals(error) || "fatal_error".equals(error)
                    || "service_unavailable".equals(error) || "request_timeout".equals(error);
        }
    }

    private SlackDelivery() {
    }

    static String send(MethodsClient slack, OutboxMessage message, String cardTs) throws IOException, SlackApiException {
        return switch (message.kind()) {
            case CHANNEL_MESSAGE -> check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel())
                    .text(message.text()).blocksAsString(message.blocks()))).getTs();
            case THREAD_REPLY -> check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel())
                    .text(message.text()).threadTs(cardTs))).getTs();
            case CARD -> cardTs == null
                    ? check("chat.postMessage", slack.chatPostMessage(r -> r.channel(message.channel())
                    .text(message.text()).blocksAsString(message.blocks()))).getTs()
                    : check("chat.update", slack.chatUpdate(r -> r.channel(message.channel()).ts(cardTs)
                    .text(message.text()).blocksAsString(message.blocks()))).getTs();
            case EPHEMERAL -> {
                check("chat.postEphemeral", slack.chatPostEphemeral(r -> r.channel(message.channel()).user(message.userId())
                        .text(message.text()).blocksAsString(message.blocks())));
                yield null;
            }
        };
    }

    private static <T extends SlackApiTextResponse> T check(String method, T response) throws NotOkException {
        if (!response.isOk()) {
            throw new NotOkException(method, response.getError());
        }
        return response;
    }
}
