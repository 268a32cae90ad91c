package dev.migrateops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.support.BotProcess;
import dev.migrateops.support.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a pipeline runs it, a process of its own: with a trace on an embedded PostgreSQL (which logs as it
 * starts and stops), stdout holds the JSON or SARIF and nothing else.
 */
class CommandLineStreamsTest {

    @ParameterizedTest(name = "lint --trace --format {0}")
    @ValueSource(strings = {"json", "sarif"})
    void aTracedLintPrintsOnlyItsReportOnStdout(String format) throws Exception {
        Process lint = command("lint", "migrations", "--trace", "--schema", "migrations/demo/schema.sql", "--format", format);
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(lint.getErrorStream()));
        String stdout = read(lint.getInputStream());
        assertThat(lint.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(lint.exitValue()).as(stderr.get()).isIn(0, 1);
        JsonNode report = new ObjectMapper().readTree(stdout);
        assertThat(report.isObject()).as(stdout).isTrue();
        assertThat(List.of(stdout.strip().split("\n")).get(0)).startsWith("{");
        if (format.equals("sarif")) {
            assertThat(report.path("version").asText()).isEqualTo("2.1.0");
        }
    }

    @Test
    void aStoreThatIsNotThereIsOneLineWithItsCauseAndNoStackTrace() throws Exception {
        Process apply = command("apply", "demo", "--migrateops.targets.demo.jdbc-url=" + PostgresServer.get().jdbcUrl("postgres"),
                "--migrateops.targets.demo.username=" + PostgresServer.get().user(), "--migrateops.targets.demo.migrations-dir=migrations",
                "--migrateops.targets.demo.approvers[0]=U0BOB", "--spring.datasource.url=" + PostgresServer.get().jdbcUrl("mo_no_such_store"),
                "--spring.datasource.username=" + PostgresServer.get().user());
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(apply.getErrorStream()));
        String stdout = read(apply.getInputStream());
        assertThat(apply.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(apply.exitValue()).isEqualTo(1);
        assertThat(stdout).isEmpty();
        assertThat(stderr.get().strip()).isEqualTo("error: FATAL: database \"mo_no_such_store\" does not exist");
    }

    private static Process command(String... arguments) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + Path.of("target", "tmp").toAbsolutePath(), "-cp", BotProcess.mainClasspath(),
                "dev.migrateops.MigrateOpsApplication"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).start();
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
