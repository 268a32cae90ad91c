package dev.migrateops.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bot as a real process of its own: a new JVM on the built classpath, configured through its
 * environment (never its arguments, which anyone on the machine can read), talking to the fake Slack of
 * the test. Killed with SIGKILL when a test needs a crash.
 */
public final class BotProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private BotProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a bot with these settings (as environment variables) and waits until it answers HTTP. */
    public static BotProcess start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        return start(name, environment, Path.of("").toAbsolutePath());
    }

    /** As {@link #start(String, Map)}, in another working directory, as a bot started from anywhere is. */
    public static BotProcess start(String name, Map<String, String> environment, Path workingDirectory, String... arguments)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "bot-" + name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + Path.of("target", "tmp").toAbsolutePath(), "-cp", mainClasspath(),
                "dev.migrateops.MigrateOpsApplication"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("SPRING_") || key.startsWith("MIGRATEOPS_"));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
        BotProcess bot = new BotProcess(builder.start(), port, log);
        bot.awaitUp(Duration.ofSeconds(90));
        return bot;
    }

    public URI slackEndpoint() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    /** SIGKILL: no shutdown hook, no cleanup, as a crash or an OOM killer leaves it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitUp(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot stopped while starting:\n" + log());
            }
            try {
                // any answer will do: health may well say a target is down
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the bot did not answer within " + timeout + ":\n" + log());
    }

    /** The application's classpath as Maven built it, without the test classes. */
    public static String mainClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.endsWith("test-classes")).map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
