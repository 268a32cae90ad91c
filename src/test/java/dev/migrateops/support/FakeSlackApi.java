package dev.migrateops.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Slack's Web API, in process: records every call the bot makes and answers like Slack, or with a
 * planned failure (429 with Retry-After, 500). Also serves response_url posts.
 */
public final class FakeSlackApi implements AutoCloseable {

    /** One request the bot made. {@code status} is what the fake answered. */
    public record Call(String method, Map<String, String> params, int status, Instant at) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** @param posted the message is posted all the same: only the answer is lost */
    private record Planned(int status, String retryAfter, boolean posted) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> responses = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Long> respondedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Deque<Planned>> failures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CountDownLatch> hangs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger hanging = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong views = new AtomicLong();
    private final Map<String, java.util.Deque<String>> posted = new ConcurrentHashMap<>();
    private volatile String lastViewId;

    public FakeSlackApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public String responseUrl(String id) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
    }

    /** The next call of {@code method} to {@code channel} is answered with this status (429 carries Retry-After). */
    public void failNext(String method, String channel, int status, String retryAfter) {
        failures.computeIfAbsent(method + " " + channel, m -> new ConcurrentLinkedDeque<>()).add(new Planned(status, retryAfter, false));
    }

    /** The next call is carried out, but its answer is lost: Slack answers 500, as a proxy timing out would. */
    public void loseNextAnswer(String method, String channel) {
        failures.computeIfAbsent(method + " " + channel, m -> new ConcurrentLinkedDeque<>()).add(new Planned(500, null, true));
    }

    /**
     * Every call of {@code method} to {@code channel} hangs, as an overloaded Slack does, until the returned latch is
     * counted down (at most a minute); a hung call then answers 503 without doing anything.
     */
    public java.util.concurrent.CountDownLatch hang(String method, String channel) {
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        hangs.put(method + " " + channel, released);
        return released;
    }

    /** How many calls hang right now. */
    public int hanging() {
        return hanging.get();
    }

    /** The messages posted to a channel, thread replies too, newest first. */
    public List<String> history(String channel) {
        return List.copyOf(posted.getOrDefault(channel, new java.util.concurrent.ConcurrentLinkedDeque<>()));
    }

    public void userGroup(String groupId, List<String> members) {
        groups.put(groupId, List.copyOf(members));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Successful calls of a method that match. */
    public List<Call> delivered(String method, Predicate<Call> filter) {
        return calls.stream().filter(c -> c.method().equals(method) && c.status() == 200).filter(filter).toList();
    }

    /** When ({@link System#nanoTime()}) the response_url of that id was first posted to, if it was. */
    public Optional<Long> respondedAt(String id) {
        return Optional.ofNullable(respondedAt.get(id));
    }

    /** Texts posted to response_url. */
    public List<String> responses() {
        return List.copyOf(responses);
    }

    /** Waits for a call (or response) to appear; the bot works asynchronously. */
    public <T> T await(java.util.function.Supplier<Optional<T>> probe, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Call> recent = calls.subList(Math.max(0, calls.size() - 25), calls.size());
        throw new AssertionError("not seen within " + timeout + "; the last calls: " + recent.stream()
                .map(c -> c.method() + " " + c.status() + " " + c.params().getOrDefault("channel", "") + " "
                        + c.params().getOrDefault("user", "") + " " + abbreviate(c.params().getOrDefault("text", ""))).toList()
                + "; the last responses: " + responses.subList(Math.max(0, responses.size() - 5), responses.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        java.util.concurrent.CountDownLatch hung = hangs.get(method + " " + params.getOrDefault("channel", ""));
        if (hung != null && hung.getCount() > 0) {
            hanging.incrementAndGet();
            try {
                hung.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hanging.decrementAndGet();
            }
            calls.add(new Call(method, params, 503, Instant.now()));
            send(exchange, 503, "hung");
            return;
        }
        Deque<Planned> planned = failures.get(method + " " + params.getOrDefault("channel", ""));
        Planned failure = planned == null ? null : planned.poll();
        if (failure != null) {
            if (failure.posted()) {
                answer(method, params);
            }
            calls.add(new Call(method, params, failure.status(), Instant.now()));
            if (failure.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            send(exchange, failure.status(), failure.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "oops");
            return;
        }
        calls.add(new Call(method, params, 200, Instant.now()));
        send(exchange, 200, answer(method, params));
    }

    private String answer(String method, Map<String, String> params) {
        String channel = params.getOrDefault("channel", "");
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://fake.slack.com/\",\"team\":\"Fake\",\"user\":\"migrateops\","
                    + "\"team_id\":\"T0FAKE\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> {
                String ts = nextTs();
                String metadata = params.get("metadata");
                String thread = params.get("thread_ts");
                posted.computeIfAbsent(channel, c -> new java.util.concurrent.ConcurrentLinkedDeque<>()).addFirst("{\"ts\":\"" + ts
                        + "\",\"type\":\"message\"" + (thread == null ? "" : ",\"thread_ts\":\"" + thread + "\"")
                        + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}");
                yield "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
            }
            case "conversations.history" -> "{\"ok\":true,\"messages\":[" + String.join(",", history(channel).stream()
                    .filter(m -> !m.contains("\"thread_ts\"")).toList()) + "]}";
            case "conversations.replies" -> "{\"ok\":true,\"messages\":[" + String.join(",", history(channel).stream()
                    .filter(m -> m.contains("\"thread_ts\":\"" + params.get("ts") + "\"")).toList()) + "]}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + params.get("ts") + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"" + nextViewId() + "\"}}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":[" + String.join(",",
                    groups.getOrDefault(params.get("usergroup"), List.of()).stream().map(u -> "\"" + u + "\"").toList()) + "]}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    private String nextViewId() {
        String id = "V0" + views.incrementAndGet();
        lastViewId = id;
        return id;
    }

    /** The id of the view the bot opened last: what a person's submission answers. */
    public String lastViewId() {
        return lastViewId == null ? "V0NEVER" : lastViewId;
    }

    private String nextTs() {
        long n = ts.incrementAndGet();
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    private void respond(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        respondedAt.putIfAbsent(path.substring(path.lastIndexOf('/') + 1), System.nanoTime());
        responses.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        send(exchange, 200, "ok");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.startsWith("{")) {
            params.put("json", body);
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For assertions on lists of calls. */
    public static List<String> texts(List<Call> calls) {
        List<String> texts = new ArrayList<>();
        calls.forEach(c -> texts.add(c.params().getOrDefault("text", "")));
        return texts;
    }
}
