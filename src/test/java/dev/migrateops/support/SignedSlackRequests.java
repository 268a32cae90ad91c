package dev.migrateops.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the bot's {@code /slack/events} exactly as Slack does: form bodies, signed with
 * {@code v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)}.
 */
public final class SignedSlackRequests {

    private final URI endpoint;
    private final String signingSecret;
    private final FakeSlackApi slack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SignedSlackRequests(URI endpoint, String signingSecret, FakeSlackApi slack) {
        this.endpoint = endpoint;
        this.signingSecret = signingSecret;
        this.slack = slack;
    }

    /** A Slack user as the payloads carry them. */
    public record User(String id, String name) {
    }

    public HttpResponse<String> slashCommand(User user, String channel, String text) {
        return send(slashCommandBody(user, channel, text, UUID.randomUUID().toString()), Map.of());
    }

    public String slashCommandBody(User user, String channel, String text, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "deprecated-verification-token");
        form.put("team_id", "T0FAKE");
        form.put("team_domain", "fake");
        form.put("channel_id", channel);
        form.put("channel_name", "ops");
        form.put("user_id", user.id());
        form.put("user_name", user.name());
        form.put("command", "/migrate");
        form.put("text", text);
        form.put("api_app_id", "A0FAKE");
        form.put("response_url", slack.responseUrl(triggerId));
        form.put("trigger_id", triggerId);
        return encode(form);
    }

    public HttpResponse<String> click(User user, String channel, String actionId, String value) {
        return sendPayload(clickPayload(user, channel, actionId, value));
    }

    /** The JSON Slack sends when someone clicks a button of a card; for tests that tamper with it. */
    public String clickPayload(User user, String channel, String actionId, String value) {
        return """
                {"type":"block_actions","team":{"id":"T0FAKE","domain":"fake"},\
                "user":{"id":"%s","username":"%s","name":"%s","team_id":"T0FAKE"},"api_app_id":"A0FAKE",\
                "token":"deprecated","container":{"type":"message","message_ts":"1.1","channel_id":"%s","is_ephemeral":false},\
                "trigger_id":"%s","channel":{"id":"%s","name":"ops"},"message":{"type":"message","ts":"1.1","text":"card"},\
                "response_url":"%s","actions":[{"action_id":"%s","block_id":"run_actions","value":"%s","type":"button",\
                "action_ts":"1.2","text":{"type":"plain_text","text":"x"}}]}"""
                .formatted(user.id(), user.name(), user.name(), channel, UUID.randomUUID(), channel,
                        slack.responseUrl("click"), actionId, value);
    }

    /** Sends an interactive payload (a click, a view submission), signed. */
    public HttpResponse<String> sendPayload(String json) {
        return send("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8), Map.of());
    }

    public HttpResponse<String> submitRejectReason(User user, long runId, String reason) {
        return submitDialog(user, "reject_reason", runId, "reason", "reason_input", reason);
    }

    public HttpResponse<String> submitRestoreConfirmation(User user, long runId, String typedTarget) {
        return submitDialog(user, "restore_confirm", runId, "target_name", "target_name_input", typedTarget);
    }

    private HttpResponse<String> submitDialog(User user, String callbackId, long runId, String blockId, String actionId,
                                              String value) {
        return sendPayload(dialogPayload(user, callbackId, String.valueOf(runId), blockId, actionId, value));
    }

    /** The JSON Slack sends when someone submits a dialog the bot opened; for tests that tamper with it. */
    public String dialogPayload(User user, String callbackId, String privateMetadata, String blockId, String actionId,
                                String value) {
        return """
                {"type":"view_submission","team":{"id":"T0FAKE","domain":"fake"},\
                "user":{"id":"%s","username":"%s","name":"%s","team_id":"T0FAKE"},"api_app_id":"A0FAKE","token":"deprecated",\
                "trigger_id":"%s","view":{"id":"%s","type":"modal","callback_id":"%s","private_metadata":"%s",\
                "state":{"values":{"%s":{"%s":{"type":"plain_text_input","value":"%s"}}}}}}"""
                .formatted(user.id(), user.name(), user.name(), UUID.randomUUID(), slack.lastViewId(), callbackId, privateMetadata,
                        blockId, actionId, value);
    }

    /** Signs with the current time and sends; extra headers (e.g. X-Slack-Retry-Num) are added as given. */
    public HttpResponse<String> send(String body, Map<String, String> headers) {
        long timestamp = Instant.now().getEpochSecond();
        return sendRaw(body, String.valueOf(timestamp), sign(signingSecret, timestamp, body), headers);
    }

    public HttpResponse<String> sendRaw(String body, String timestamp, String signature, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed and sent as a chunked body: no Content-Length says how long it is. */
    public HttpResponse<String> sendChunked(String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", sign(signingSecret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
