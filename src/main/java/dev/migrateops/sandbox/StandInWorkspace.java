package dev.migrateops.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the stand-in workspace holds, in memory: the channel's messages and thread replies, ephemeral
 * messages for one person, the modal each person has open, and the trigger ids and response URLs handed
 * to the bot. Bounded, so a long-running sandbox does not grow without end.
 */
final class StandInWorkspace {

    static final String BOT_USER = "U0MIGRATEOPS";
    private static final int MAX_MESSAGES = 2000;
    private static final int MAX_HANDLES = 500;

    /** A message as people see it; {@code visibleTo} is set for an ephemeral message. */
    record Message(String ts, String channel, String user, String text, JsonNode blocks, String threadTs,
                   String visibleTo, boolean edited) {
    }

    /** A modal open for one person, with the errors the bot answered to its last submission. */
    record Modal(String viewId, String user, JsonNode view, Map<String, String> errors) {
    }

    /** Where a response_url answer goes: to this person, in this channel (and thread). */
    record ResponseTarget(String user, String channel, String threadTs) {
    }

    /** What one person sees now. */
    record Feed(long version, List<Message> messages, Modal modal) {
    }

    private final Clock clock;
    private final SandboxProperties.Channel channel;
    private final List<Message> messages = new ArrayList<>();
    private final Map<String, Modal> modals = new LinkedHashMap<>();
    private final Map<String, String> triggers = bounded();
    private final Map<String, ResponseTarget> responseUrls = bounded();
    private long version;
    private long lastMicros;

    StandInWorkspace(Clock clock, SandboxProperties.Channel channel) {
        this.clock = clock;
        this.channel = channel;
    }

    SandboxProperties.Channel channel() {
        return channel;
    }

    synchronized String post(String channel, String user, String text, JsonNode blocks, String threadTs, String visibleTo) {
        String ts = nextTs();
        messages.add(new Message(ts, channel, user, text, blocks, threadTs, visibleTo, false));
        if (messages.size() > MAX_MESSAGES) {
            messages.remove(0);
        }
        version++;
        return ts;
    }

    synchronized boolean update(String channel, String ts, String text, JsonNode blocks) {
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.ts().equals(ts) && m.channel().equals(channel) && m.visibleTo() == null) {
                messages.set(i, new Message(ts, channel, m.user(), text, blocks, m.threadTs(), null, true));
                version++;
                return true;
            }
        }
        return false;
    }

    synchronized Optional<Message> message(String ts) {
        return messages.stream().filter(m -> m.ts().equals(ts)).findFirst();
    }

    /** A trigger id for something a person just did; a modal opened with it opens for that person. */
    synchronized String trigger(String user) {
        String id = "sandbox-trigger-" + UUID.randomUUID();
        triggers.put(id, user);
        return id;
    }

    /** Opens a modal for whoever the trigger belongs to; empty when the trigger is unknown. */
    synchronized Optional<String> openModal(String triggerId, JsonNode view) {
        String user = triggers.remove(triggerId);
        if (user == null) {
            return Optional.empty();
        }
        String viewId = "V" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        modals.put(user, new Modal(viewId, user, view, Map.of()));
        version++;
        return Optional.of(viewId);
    }

    synchronized Optional<Modal> modal(String user) {
        return Optional.ofNullable(modals.get(user));
    }

    synchronized void closeModal(String user) {
        if (modals.remove(user) != null) {
            version++;
        }
    }

    synchronized void modalErrors(String user, Map<String, String> errors) {
        Modal modal = modals.get(user);
        if (modal != null) {
            modals.put(user, new Modal(modal.viewId(), user, modal.view(), Map.copyOf(errors)));
            version++;
        }
    }

    synchronized String responseUrlId(ResponseTarget target) {
        String id = UUID.randomUUID().toString();
        responseUrls.put(id, target);
        return id;
    }

    synchronized Optional<ResponseTarget> responseTarget(String id) {
        return Optional.ofNullable(responseUrls.get(id));
    }

    synchronized Feed feed(String user) {
        List<Message> visible = messages.stream().filter(m -> m.visibleTo() == null || m.visibleTo().equals(user)).toList();
        return new Feed(version, visible, modals.get(user));
    }

    /** Slack's message ids: seconds and microseconds, unique and increasing. */
    private String nextTs() {
        long micros = Math.max(clock.millis() * 1000, lastMicros + 1);
        lastMicros = micros;
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_HANDLES;
            }
        };
    }
}
