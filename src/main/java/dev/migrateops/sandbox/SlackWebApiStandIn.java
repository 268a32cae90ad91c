package dev.migrateops.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.config.SlackProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack's side of the bot's outgoing calls, for sandbox mode: the Web API methods the bot uses, at the
 * address the bot is configured with ({@code migrateops.slack.api-base-url}), and the response URLs it
 * answers slash commands on. Answers the way Slack does, {@code ok: false} with Slack's error names
 * included, so the bot's own error handling is what runs.
 */
@RestController
@ConditionalOnSandbox
class SlackWebApiStandIn {

    private static final Logger log = LoggerFactory.getLogger(SlackWebApiStandIn.class);

    private final StandInWorkspace workspace;
    private final SlackProperties slack;
    private final ObjectMapper json;

    SlackWebApiStandIn(StandInWorkspace workspace, SlackProperties slack, ObjectMapper json) {
        this.workspace = workspace;
        this.slack = slack;
        this.json = json;
    }

    @PostMapping("/sandbox/api/{method}")
    Map<String, Object> call(@PathVariable String method,
                             @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                             @RequestParam MultiValueMap<String, String> form) {
        Map<String, String> params = form.toSingleValueMap();
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : params.get("token");
        if (!slack.botToken().equals(token)) {
            return error(token == null ? "not_authed" : "invalid_auth");
        }
        return switch (method) {
            case "auth.test" -> ok(Map.of("url", "https://sandbox.localhost/", "team", "Sandbox", "user", "migrateops",
                    "team_id", SlackEventsClient.TEAM_ID, "user_id", StandInWorkspace.BOT_USER, "bot_id", "B0MIGRATEOPS"));
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "chat.postEphemeral" -> postEphemeral(params);
            case "views.open" -> openView(params);
            case "usergroups.users.list" -> ok(Map.of("users", List.of()));
            default -> {
                log.warn("Sandbox: the bot called {}, which the Slack stand-in does not implement", method);
                yield error("unknown_method");
            }
        };
    }

    /** Slack posts what the bot sends to a response URL as the bot, visible to the one who typed unless in_channel. */
    @PostMapping("/sandbox/respond/{id}")
    Map<String, Object> respond(@PathVariable String id, @RequestBody Map<String, Object> body) {
        return workspace.responseTarget(id).map(target -> {
            boolean inChannel = "in_channel".equals(body.get("response_type"));
            workspace.post(target.channel(), StandInWorkspace.BOT_USER, String.valueOf(body.getOrDefault("text", "")),
                    json.valueToTree(body.get("blocks")), target.threadTs(), inChannel ? null : target.user());
            return ok(Map.of());
        }).orElseGet(() -> error("expired_url"));
    }

    private Map<String, Object> postMessage(Map<String, String> params) {
        String channel = params.get("channel");
        if (!knownChannel(channel)) {
            return error("channel_not_found");
        }
        if (!validBlocks(params)) {
            return error("invalid_blocks");
        }
        String threadTs = params.get("thread_ts");
        if (threadTs != null && workspace.message(threadTs).isEmpty()) {
            return error("thread_not_found");
        }
        String ts = workspace.post(channel, StandInWorkspace.BOT_USER, params.getOrDefault("text", ""),
                blocks(params), threadTs, null);
        return ok(Map.of("channel", channel, "ts", ts));
    }

    private Map<String, Object> update(Map<String, String> params) {
        String channel = params.get("channel");
        String ts = params.get("ts");
        if (!validBlocks(params)) {
            return error("invalid_blocks");
        }
        if (ts == null || !workspace.update(channel, ts, params.getOrDefault("text", ""), blocks(params))) {
            return error("message_not_found");
        }
        return ok(Map.of("channel", channel, "ts", ts));
    }

    private Map<String, Object> postEphemeral(Map<String, String> params) {
        String channel = params.get("channel");
        if (!knownChannel(channel)) {
            return error("channel_not_found");
        }
        if (!validBlocks(params)) {
            return error("invalid_blocks");
        }
        String ts = workspace.post(channel, StandInWorkspace.BOT_USER, params.getOrDefault("text", ""), blocks(params),
                params.get("thread_ts"), params.get("user"));
        return ok(Map.of("message_ts", ts));
    }

    private Map<String, Object> openView(Map<String, String> params) {
        JsonNode view = parse(params.get("view"));
        if (view == null) {
            return error("invalid_arguments");
        }
        return workspace.openModal(params.getOrDefault("trigger_id", ""), view)
                .map(id -> ok(Map.of("view", Map.of("id", id))))
                .orElseGet(() -> error("invalid_trigger_id"));
    }

    private boolean knownChannel(String channel) {
        return channel != null && channel.equals(workspace.channel().id());
    }

    /** Like Slack: blocks, when given, must be a JSON array of objects with a type. */
    private boolean validBlocks(Map<String, String> params) {
        String text = params.get("blocks");
        if (text == null || text.isBlank()) {
            return true;
        }
        JsonNode blocks = parse(text);
        if (blocks == null || !blocks.isArray()) {
            return false;
        }
        for (JsonNode block : blocks) {
            if (!block.hasNonNull("type")) {
                return false;
            }
        }
        return true;
    }

    private JsonNode blocks(Map<String, String> params) {
        return parse(params.get("blocks"));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, Object> ok(Map<String, Object> fields) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.putAll(fields);
        return answer;
    }

    private static Map<String, Object> error(String error) {
        return Map.of("ok", false, "error", error);
    }
}
