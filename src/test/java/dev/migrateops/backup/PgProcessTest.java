package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PgProcessTest {

    @Test
    void whatAToolSaysReachesTheChannelWithFileNamesNotTheBotsPaths() {
        BackupException failed = new BackupException("psql failed (exit 3): psql:/tmp/mo-x/backups/restore-123.sql:42: ERROR:  cannot drop"
                + " constraint products_pkey; see /var/lib/migrateops/backups/prod/prod-run7.dump");

        assertThat(failed.getMessage()).isEqualTo("psql failed (exit 3): psql:restore-123.sql:42: ERROR:  cannot drop constraint"
                + " products_pkey; see prod-run7.dump");
    }

    @Test
    void aToolEndsWithTheProcessItWorksForEvenWhenThatIsKilled() throws Exception {
        Process bot = new ProcessBuilder("sleep", "120").start(); // stands in for the bot's JVM
        CompletableFuture<PgProcess.Result> dump = CompletableFuture.supplyAsync(() -> PgProcess.run(List.of("sleep", "120"),
                Map.of(), Duration.ofMinutes(2), null, bytes -> { }, bot.pid()));
        ProcessHandle tool = await().atMost(Duration.ofSeconds(10)).until(this::theTool, Optional::isPresent).orElseThrow();

        bot.destroyForcibly();

        await().atMost(Duration.ofSeconds(5)).until(() -> !tool.isAlive());
        assertThatThrownBy(() -> dump.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BackupException.class);
    }

    @Test
    void theToolsOwnExitStatusAndMessageAreReported() {
        assertThatThrownBy(() -> PgProcess.run(List.of("sh", "-c", "echo 'connection refused' >&2; exit 3"), Map.of(),
                Duration.ofSeconds(10), null, bytes -> { }))
                .isInstanceOf(BackupException.class).hasMessage("sh failed (exit 3): connection refused");
        assertThat(PgProcess.run(List.of("true"), Map.of(), Duration.ofSeconds(10), null, bytes -> { }).stderr()).isEmpty();
    }

    /** The "sleep 120" this JVM started through PgProcess, below its watching shell. */
    private Optional<ProcessHandle> theTool() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("sleep") && p.parent().flatMap(q -> q.info().command())
                        .orElse("").endsWith("sh"))
                .findFirst();
    }
}
