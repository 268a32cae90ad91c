package dev.migrateops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrateops.config.BackupProperties;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.ClientTools;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs where the version matrix gives a server newer than the machine's client tools (16 and 17 against 15). */
class ClientToolsTooOldTest {

    @Test
    void aBackupOfAServerNewerThanPgDumpIsRefusedWithWhatToInstallBeforeAnythingIsWritten(@TempDir Path backups) throws Exception {
        Assumptions.assumeFalse(ClientTools.canDump(PostgresServer.get()), "the client tools here can dump this server");
        try (TestDatabase shop = PostgresServer.get().createDatabase("too_new").withDemoShop();
             TargetDatabase target = new TargetDatabase("shop", shop.target(Path.of("migrations"), 1))) {
            BackupService service = new BackupService(new BackupProperties(backups, Duration.ofMinutes(5), BackupProperties.Switch.AUTO,
                    BackupProperties.Switch.AUTO, 10, Duration.ofDays(30), ""), Clock.systemUTC());

            assertThatThrownBy(() -> service.take(target, 7L, BackupListener.NONE)).isInstanceOf(BackupException.class)
                    .hasMessageMatching("pg_dump is version \\d+ but the server is \\d+: install postgresql-client-\\d+ or newer");
            try (var written = Files.walk(backups)) {
                assertThat(written.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
