package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sandbox mode as a newcomer starts it: a new JVM with no Slack token and no datasource. Measures the
 * time from starting the process to {@code /sandbox} serving, and, after one staging run approved
 * through the stand-in, the memory of the whole thing: the JVM's resident set and the proportional set
 * of its embedded PostgreSQL's processes. Round 1 warms the disk cache and is not counted.
 */
@Tag("benchmark")
class SandboxStartBenchmark {

    private static final int ROUNDS = 4;
    private static final Pattern EMBEDDED_PORT = Pattern.compile("embedded PostgreSQL on port (\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void timeToServeAndMemoryOfTheWholeProcess() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Path.of("target", "sandbox-benchmark-" + round + ".log");
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-cp", dev.migrateops.support.BotProcess.mainClasspath(),
                    "dev.migrateops.MigrateOpsApplication", "--server.port=" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SPRING_DATASOURCE_URL")
                    .forEach(builder.environment()::remove);
            long start = System.nanoTime();
            Process bot = builder.start();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitStatus(base + "/sandbox", 200, Duration.ofMinutes(2));
                double serveSeconds = (System.nanoTime() - start) / 1e9;

                post(base + "/sandbox/type", "{\"user\":\"U0ERIN\",\"text\":\"/migrate apply staging benchmark\"}");
                String card = awaitFeed(base, body -> body.contains("AWAITING APPROVAL"));
                String ts = cardTs(card);
                post(base + "/sandbox/click", "{\"user\":\"U0AVERY\",\"ts\":\"" + ts
                        + "\",\"blockId\":\"run_actions_1\",\"actionId\":\"run_approve\",\"value\":\"1\"}");
                awaitFeed(base, body -> body.contains("Applied and verified"));

                long jvmRssKb = status(bot.pid(), "VmRSS");
                int pgPort = embeddedPort(log);
                long postgresPssKb = postgresProcesses(pgPort).stream().mapToLong(SandboxStartBenchmark::pssKb).sum();
                String line = String.format("sandbox round %d: /sandbox served %.2f s after the JVM started; after one staging run "
                                + "JVM RSS %d MB, embedded PostgreSQL PSS %d MB (%d processes), whole %d MB",
                        round, serveSeconds, jvmRssKb / 1024, postgresPssKb / 1024, postgresProcesses(pgPort).size(),
                        (jvmRssKb + postgresPssKb) / 1024);
                System.out.println("BENCHMARK " + line);
                if (round > 1) {
                    lines.add(line);
                }
            } finally {
                bot.destroy();
                if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }
        }
        assertThat(lines).hasSize(ROUNDS - 1);
        Files.writeString(Path.of("target", "benchmarks.txt"), String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }


    private void awaitStatus(String url, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + timeout);
    }

    private String awaitFeed(String base, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/feed?user=U0ERIN")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sandbox feed never got there");
    }

    private static String cardTs(String feed) {
        Matcher card = Pattern.compile("\"ts\":\"([0-9.]+)\",\"channel\":\"C0SANDBOX\",\"user\":\"U0MIGRATEOPS\",\"text\":\"[^\"]*AWAITING APPROVAL")
                .matcher(feed);
        assertThat(card.find()).as("a card in " + feed).isTrue();
        return card.group(1);
    }

    private void post(String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static int embeddedPort(Path log) throws IOException {
        Matcher port = EMBEDDED_PORT.matcher(Files.readString(log));
        assertThat(port.find()).as("the sandbox announces its embedded PostgreSQL").isTrue();
        return Integer.parseInt(port.group(1));
    }

    /** The embedded postmaster (found by its port) and its children. */
    private static List<ProcessHandle> postgresProcesses(int port) {
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("postgres")
                && Arrays.asList(p.info().arguments().orElse(new String[0])).contains(String.valueOf(port))).findFirst();
        List<ProcessHandle> all = new ArrayList<>();
        postmaster.ifPresent(p -> {
            all.add(p);
            p.descendants().forEach(all::add);
        });
        return all;
    }

    private static long status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }

    private static long pssKb(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "smaps_rollup")).stream()
                    .filter(l -> l.startsWith("Pss:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        } catch (IOException gone) {
            return 0;
        }
    }
}
