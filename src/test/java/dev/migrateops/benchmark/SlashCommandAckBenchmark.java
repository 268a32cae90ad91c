package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.support.FakeSlackApi;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.SignedSlackRequests;
import dev.migrateops.support.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slash-command acknowledgement latency: 200 signed {@code /migrate plan staging} requests, 20 at a
 * time, measured by the client from send to the HTTP answer. Run with {@code mvn -B test -Pbenchmark}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlashCommandAckBenchmark {

    static final FakeSlackApi SLACK = new FakeSlackApi();
    static final PostgresServer SERVER = PostgresServer.get();
    static final TestDatabase STORE = SERVER.createDatabase("bench_store");
    static final TestDatabase STAGING = SERVER.createDatabase("bench_staging").withDemoShop();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", STORE::jdbcUrl);
        registry.add("spring.datasource.username", SERVER::user);
        registry.add("spring.datasource.password", () -> SERVER.password() == null ? "" : SERVER.password());
        registry.add("migrateops.slack.bot-token", () -> "xoxb-test");
        registry.add("migrateops.slack.signing-secret", () -> "bench-secret");
        registry.add("migrateops.slack.api-base-url", SLACK::apiBaseUrl);
        registry.add("migrateops.targets.staging.jdbc-url", STAGING::jdbcUrl);
        registry.add("migrateops.targets.staging.username", SERVER::user);
        registry.add("migrateops.targets.staging.incident-channel", () -> "C0STAGING");
        registry.add("migrateops.targets.staging.approvers[0]", () -> "U0APPROVER");
    }

    @LocalServerPort
    int port;

    @AfterAll
    void drop(@Autowired dev.migrateops.slack.outbox.OutboxSender sender, @Autowired dev.migrateops.engine.TargetRegistry registry) {
        sender.stop();
        registry.close();
        SLACK.close();
        STAGING.close();
        STORE.close();
    }

    @Test
    void acknowledgementLatencyOf200SignedRequests20AtATime() throws Exception {
        SignedSlackRequests slack = new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                "bench-secret", SLACK);
        SignedSlackRequests.User user = new SignedSlackRequests.User("U0BENCH", "bench");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            measure(slack, user, clients, 1000, "help"); // warm-up: a running bot is JIT-compiled
            measure(slack, user, clients, 20, "plan staging");
            awaitBackgroundAnswers(20);
            // help is answered in the ack itself; plan acks first and plans in the background
            for (String command : List.of("help", "plan staging")) {
                List<Long> micros = measure(slack, user, clients, 200, command);
                Collections.sort(micros);
                String line = String.format("slash-command ack, 200 signed `/migrate %s`, 20 at a time: p50 %.1f ms,"
                                + " p99 %.1f ms, max %.1f ms", command, micros.get(99) / 1000.0, micros.get(197) / 1000.0,
                        micros.get(199) / 1000.0);
                System.out.println("BENCHMARK " + line);
                Files.writeString(Path.of("target", "benchmarks.txt"), line + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            awaitBackgroundAnswers(220);
            System.out.println("BENCHMARK auth.test calls: " + SLACK.calls("auth.test").size());
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Answers, not acks: 200 requests, `status` and `plan staging` alternating, 20 at a time, from send to the answer
     * posted to response_url, in 5 rounds. A plan traces (or is answered from the trace kept for the same schema and
     * migrations); a status must not wait behind it.
     */
    @Test
    void answersToStatusDoNotWaitBehindPlans() throws Exception {
        SignedSlackRequests slack = new SignedSlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"),
                "bench-secret", SLACK);
        SignedSlackRequests.User user = new SignedSlackRequests.User("U0BENCH", "bench");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            for (int round = 1; round <= 5; round++) {
                java.util.Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String command = i % 2 == 0 ? "status" : "plan staging";
                    String trigger = "r" + round + "-" + i + "-" + command.split(" ")[0];
                    sent.add(clients.submit(() -> {
                        sentAt.put(trigger, System.nanoTime());
                        assertThat(slack.send(slack.slashCommandBody(user, "C0CMD", command, trigger), java.util.Map.of()).statusCode())
                                .isEqualTo(200);
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
                SLACK.await(() -> java.util.Optional.of(sentAt).filter(s -> s.keySet().stream()
                        .allMatch(t -> SLACK.respondedAt(t).isPresent())), java.time.Duration.ofMinutes(5));
                for (String kind : List.of("status", "plan")) {
                    List<Long> micros = sentAt.entrySet().stream().filter(e -> e.getKey().endsWith("-" + kind))
                            .map(e -> (SLACK.respondedAt(e.getKey()).orElseThrow() - e.getValue()) / 1000).sorted().toList();
                    String line = String.format("answers, round %d of 5, 100 `/migrate %s` among 200 (status and plan alternating),"
                                    + " 20 at a time: p50 %.1f ms, p99 %.1f ms, max %.1f ms; load %s", round, kind,
                            micros.get(49) / 1000.0, micros.get(98) / 1000.0, micros.get(99) / 1000.0,
                            Files.readString(Path.of("/proc/loadavg")).strip());
                    System.out.println("BENCHMARK " + line);
                    Files.writeString(Path.of("target", "benchmarks.txt"), line + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Waits until the background work behind the acknowledged plans has answered through response_url. */
    private static void awaitBackgroundAnswers(int expected) {
        SLACK.await(() -> java.util.Optional.of(expected).filter(n -> SLACK.responses().size() >= n), java.time.Duration.ofMinutes(2));
    }

    private static List<Long> measure(SignedSlackRequests slack, SignedSlackRequests.User user, ExecutorService clients, int n,
                                      String command) throws Exception {
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(clients.submit(() -> {
                long start = System.nanoTime();
                int status = slack.slashCommand(user, "C0CMD", command).statusCode();
                long took = (System.nanoTime() - start) / 1000;
                assertThat(status).isEqualTo(200);
                return took;
            }));
        }
        List<Long> micros = new ArrayList<>();
        for (Future<Long> result : results) {
            micros.add(result.get());
        }
        return micros;
    }
}
