package dev.migrateops.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import dev.migrateops.config.SlackProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * Slack's side of the bot's incoming requests, for sandbox mode: slash commands, button clicks and
 * modal submissions, built as Slack builds them and sent to the bot's {@code /slack/events} over HTTP,
 * signed with the signing secret. The bot checks and handles them exactly as it would Slack's.
 */
class SlackEventsClient {

    static final String TEAM_ID = "T0SANDBOX";
    private static final String APP_ID = "A0MIGRATEOPS";

    /** What the bot answered: its HTTP status and the body of its acknowledgement. */
    record Ack(int status, String body) {
        boolean ok() {
            return status == 200;
        }
    }

    private final SlackProperties slack;
    private final Environment environment;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlackEventsClient(SlackProperties slack, Environment environment, ObjectMapper json, Clock clock) {
        this.slack = slack;
        this.environment = environment;
        this.json = json;
        this.clock = clock;
    }

    Ack slashCommand(SandboxProperties.User user, SandboxProperties.Channel channel, String command, String text,
                     String triggerId, String responseUrl) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "sandbox-verification-token");
        form.put("team_id", TEAM_ID);
        form.put("team_domain", "sandbox");
        form.put("channel_id", channel.id());
        form.put("channel_name", channel.name());
        form.put("user_id", user.id());
        form.put("user_name", user.name());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return send(encode(form));
    }

    Ack click(SandboxProperties.User user, SandboxProperties.Channel channel, StandInWorkspace.Message message,
              String blockId, String actionId, String value, String triggerId, String responseUrl)
            throws IOException, InterruptedException {
        ObjectNode payload = envelope("block_actions", user, triggerId);
        payload.putObject("container").put("type", "message").put("message_ts", message.ts())
                .put("channel_id", channel.id()).put("is_ephemeral", message.visibleTo() != null);
        payload.putObject("channel").put("id", channel.id()).put("name", channel.name());
        ObjectNode original = payload.putObject("message").put("type", "message").put("ts", message.ts())
                .put("text", message.text());
        if (message.blocks() != null) {
            original.set("blocks", message.blocks());
        }
        payload.put("response_url", responseUrl);
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("action_id", actionId).put("block_id", blockId).put("value", value).put("type", "button")
                .put("action_ts", String.valueOf(clock.millis() / 1000.0));
        return send("payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8));
    }

    Ack submitView(SandboxProperties.User user, StandInWorkspace.Modal modal, Map<String, Map<String, String>> values,
                   String triggerId) throws IOException, InterruptedException {
        ObjectNode payload = envelope("view_submission", user, triggerId);
        ObjectNode view = modal.view().deepCopy();
        view.put("id", modal.viewId());
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((blockId, actions) -> actions.forEach((actionId, value) ->
                state.withObjectProperty(blockId).putObject(actionId).put("type", "plain_text_input").put("value", value)));
        payload.set("view", view);
        return send("payload=" + URLEncoder.encode(json.writeValueAsString(payload), StandardCharsets.UTF_8));
    }

    private ObjectNode envelope(String type, SandboxProperties.User user, String triggerId) {
        ObjectNode payload = json.createObjectNode().put("type", type);
        payload.putObject("team").put("id", TEAM_ID).put("domain", "sandbox");
        payload.putObject("user").put("id", user.id()).put("username", user.name()).put("name", user.name())
                .put("team_id", TEAM_ID);
        payload.put("api_app_id", APP_ID).put("token", "sandbox-verification-token").put("trigger_id", triggerId);
        return payload;
    }

    private Ack send(String body) throws IOException, InterruptedException {
        String timestamp = String.valueOf(clock.millis() / 1000);
        String signature = new SlackSignature.Generator(slack.signingSecret()).generate(timestamp, body);
        HttpRequest request = HttpRequest.newBuilder(eventsEndpoint()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp)
                .header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Ack(response.statusCode(), response.body());
    }

    /** The bot's port, as Tomcat reports it once it listens. */
    String port() {
        return environment.getRequiredProperty("local.server.port");
    }

    private URI eventsEndpoint() {
        return URI.create("http://127.0.0.1:" + port() + "/slack/events");
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
