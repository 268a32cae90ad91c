package dev.migrateops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.config.CadenceProperties;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.MonitoringProperties;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the stand-in's page asks of the server: the workspace, the feed one person sees, and what that
 * person types, clicks and submits, which goes to the bot as Slack would send it.
 */
@RestController
@ConditionalOnSandbox
class SandboxPage {

    private static final Logger log = LoggerFactory.getLogger(SandboxPage.class);

    /** A line typed in the composer. */
    record Typed(String user, String text) {
    }

    /** A button clicked on a message. */
    record Clicked(String user, String ts, String blockId, String actionId, String value) {
    }

    /** A modal submitted: values by block id, then action id. */
    record Submitted(String user, String viewId, Map<String, Map<String, String>> values) {
    }

    /** A modal closed without submitting. */
    record Closed(String user) {
    }

    private final StandInWorkspace workspace;
    private final SlackEventsClient events;
    private final SandboxProperties sandbox;
    private final MigrateOpsProperties targets;
    private final CadenceProperties cadence;
    private final MonitoringProperties monitoring;
    private final ObjectMapper json;

    SandboxPage(StandInWorkspace workspace, SlackEventsClient events, SandboxProperties sandbox,
                MigrateOpsProperties targets, CadenceProperties cadence, MonitoringProperties monitoring, ObjectMapper json) {
        this.workspace = workspace;
        this.events = events;
        this.sandbox = sandbox;
        this.targets = targets;
        this.cadence = cadence;
        this.monitoring = monitoring;
        this.json = json;
    }

    /** What the page needs once: people, the channel, the targets and how often things happen. */
    @GetMapping("/sandbox/workspace")
    Map<String, Object> workspace() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("channel", sandbox.channel());
        info.put("bot", Map.of("id", StandInWorkspace.BOT_USER, "name", "MigrateOps"));
        info.put("users", sandbox.users());
        info.put("statusInterval", cadence.interval().toString());
        info.put("targets", targets.targets().entrySet().stream().map(e -> Map.of(
                "name", e.getKey(),
                "approvalsRequired", e.getValue().approvalsRequired(),
                "requiresAppliedOn", Optional.ofNullable(e.getValue().requiresAppliedOn()).orElse(""),
                "monitoringWindow", e.getValue().monitoringWindowOr(monitoring.window()).toString()))
                .toList());
        return info;
    }

    /** What the person sees; nothing (204) when it has not changed since the version the page has. */
    @GetMapping("/sandbox/feed")
    ResponseEntity<StandInWorkspace.Feed> feed(@RequestParam String user, @RequestParam(defaultValue = "-1") long since) {
        StandInWorkspace.Feed feed = workspace.feed(person(user).id());
        return feed.version() == since ? ResponseEntity.noContent().build() : ResponseEntity.ok(feed);
    }

    @PostMapping("/sandbox/type")
    Map<String, Object> type(@RequestBody Typed typed) throws IOException, InterruptedException {
        SandboxProperties.User user = person(typed.user());
        String text = typed.text() == null ? "" : typed.text().strip();
        SandboxProperties.Channel channel = workspace.channel();
        if (!text.startsWith("/")) {
            workspace.post(channel.id(), user.id(), text, null, null, null);
            return Map.of("ok", true);
        }
        String command = text.split("\\s+", 2)[0];
        String arguments = text.length() > command.length() ? text.substring(command.length()).strip() : "";
        workspace.post(channel.id(), user.id(), text, null, null, user.id());
        if (!command.equals("/migrate")) {
            workspace.post(channel.id(), StandInWorkspace.BOT_USER, command + " is not a command here. Try /migrate help.",
                    null, null, user.id());
            return Map.of("ok", false);
        }
        String responseUrl = responseUrl(user, null);
        SlackEventsClient.Ack ack = events.slashCommand(user, channel, command, arguments, workspace.trigger(user.id()), responseUrl);
        showAck(user, null, ack);
        return Map.of("ok", ack.ok());
    }

    @PostMapping("/sandbox/click")
    Map<String, Object> click(@RequestBody Clicked clicked) throws IOException, InterruptedException {
        SandboxProperties.User user = person(clicked.user());
        StandInWorkspace.Message message = workspace.message(clicked.ts())
                .orElseThrow(() -> new IllegalArgumentException("that message is gone"));
        SlackEventsClient.Ack ack = events.click(user, workspace.channel(), message, clicked.blockId(), clicked.actionId(),
                clicked.value(), workspace.trigger(user.id()), responseUrl(user, message.threadTs()));
        showAck(user, message.threadTs(), ack);
        return Map.of("ok", ack.ok());
    }

    @PostMapping("/sandbox/submit")
    Map<String, Object> submit(@RequestBody Submitted submitted) throws IOException, InterruptedException {
        SandboxProperties.User user = person(submitted.user());
        StandInWorkspace.Modal modal = workspace.modal(user.id()).filter(m -> m.viewId().equals(submitted.viewId()))
                .orElseThrow(() -> new IllegalArgumentException("that modal is closed"));
        SlackEventsClient.Ack ack = events.submitView(user, modal,
                submitted.values() == null ? Map.of() : submitted.values(), workspace.trigger(user.id()));
        JsonNode answer = ack.body() == null || ack.body().isBlank() ? null : json.readTree(ack.body());
        if (ack.ok() && answer != null && "errors".equals(answer.path("response_action").asText())) {
            Map<String, String> errors = new LinkedHashMap<>();
            answer.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
            workspace.modalErrors(user.id(), errors);
        } else {
            workspace.closeModal(user.id());
            showAck(user, null, ack);
        }
        return Map.of("ok", ack.ok());
    }

    @PostMapping("/sandbox/close")
    Map<String, Object> close(@RequestBody Closed closed) {
        workspace.closeModal(person(closed.user()).id());
        return Map.of("ok", true);
    }

    /** Slack shows an acknowledgement's text to the person only; a failed request as Slack's own error. */
    private void showAck(SandboxProperties.User user, String threadTs, SlackEventsClient.Ack ack) throws IOException {
        String channel = workspace.channel().id();
        if (!ack.ok()) {
            log.warn("Sandbox: the bot answered HTTP {} to a request from the stand-in", ack.status());
            workspace.post(channel, "USLACKBOT", "The app did not respond properly (HTTP " + ack.status() + ").", null,
                    threadTs, user.id());
            return;
        }
        if (ack.body() == null || ack.body().isBlank() || !ack.body().strip().startsWith("{")) {
            return;
        }
        JsonNode answer = json.readTree(ack.body());
        String text = answer.path("text").asText("");
        JsonNode blocks = answer.get("blocks");
        if (text.isEmpty() && blocks == null) {
            return;
        }
        boolean inChannel = "in_channel".equals(answer.path("response_type").asText());
        workspace.post(channel, StandInWorkspace.BOT_USER, text, blocks, threadTs, inChannel ? null : user.id());
    }

    private String responseUrl(SandboxProperties.User user, String threadTs) {
        String id = workspace.responseUrlId(new StandInWorkspace.ResponseTarget(user.id(), workspace.channel().id(), threadTs));
        return "http://127.0.0.1:" + events.port() + "/sandbox/respond/" + id;
    }

    private SandboxProperties.User person(String id) {
        return sandbox.users().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown user " + id + "; the sandbox has "
                        + sandbox.users().stream().map(SandboxProperties.User::name).toList()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> refused(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("ok", false, "error", e.getMessage()));
    }
}
