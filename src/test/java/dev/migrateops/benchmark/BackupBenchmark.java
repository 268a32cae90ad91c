package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.backup.BackupArtifact;
import dev.migrateops.backup.BackupListener;
import dev.migrateops.backup.BackupService;
import dev.migrateops.backup.Verification;
import dev.migrateops.config.BackupProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.ApplyListener;
import dev.migrateops.engine.ApplyRequest;
import dev.migrateops.engine.ApplyResult;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.TargetDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Backup of a target of more than 1 GB: MigrateOps (pg_dump -Fc in an exported snapshot, row counts,
 * schema-only dump, sha256) against a raw {@code pg_dump -Fc}, then verification (pg_restore --list, a
 * scratch restore, row counts) and the rehearsal of the example migrations on that copy, timed on their own.
 * Run with {@code mvn -B test -Pbenchmark -Dtest=BackupBenchmark}.
 */
@Tag("benchmark")
class BackupBenchmark {

    private static final Path MIGRATIONS = Path.of("migrations");
    private static final Path OUT = Path.of("target", "benchmarks", "backups");

    @Test
    void backupOfAGigabyteTargetAgainstRawPgDump() throws Exception {
        Files.createDirectories(OUT);
        try (TestDatabase big = PostgresServer.get().createDatabase("bench_big").withDemoShop()) {
            big.execute("INSERT INTO product_sales (tenant_id, product_name, status, quantity, amount, created_at)"
                    + " SELECT 1 + g % 3, 'product ' || (1 + g % 50), (ARRAY['completed', 'refunded', 'pending'])[1 + g % 3],"
                    + " 1 + g % 5, (1 + g % 5) * (1 + (g * 7 % 100) / 4.0), timestamptz '2025-01-01' + g * interval '1 second'"
                    + " FROM generate_series(1, 11000000) g");
            big.execute("VACUUM ANALYZE product_sales");
            long bytes = big.count("SELECT pg_database_size(current_database())");
            assertThat(bytes).isGreaterThan(1L << 30);
            TargetProperties settings = big.target(MIGRATIONS, 1);
            BackupService service = new BackupService(new BackupProperties(OUT, Duration.ofHours(1), BackupProperties.Switch.ON,
                    BackupProperties.Switch.ON, 10, Duration.ofDays(30), ""), Clock.systemUTC());
            List<String> lines = new ArrayList<>();
            lines.add(String.format("backup benchmark: database %.2f GB", bytes / (double) (1L << 30)));
            BackupArtifact last = null;
            try (TargetDatabase target = new TargetDatabase("big", settings)) {
                // alternate the order so that neither side always gets the warmer cache
                for (int round = 1; round <= 2; round++) {
                    Duration raw = null;
                    Duration ours = null;
                    for (String who : round == 1 ? List.of("raw", "ours") : List.of("ours", "raw")) {
                        big.execute("CHECKPOINT");
                        if (who.equals("raw")) {
                            Path file = OUT.resolve("raw-" + round + ".dump");
                            List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--file=" + file));
                            command.addAll(ExternalCommand.connectionArgs(big));
                            command.add(big.name());
                            raw = ExternalCommand.run(big, command, OUT.resolve("raw.log"));
                            lines.add(String.format("  round %d raw pg_dump -Fc: %d ms, %.1f MB", round, raw.toMillis(),
                                    Files.size(file) / 1048576.0));
                            Files.delete(file);
                        } else {
                            long start = System.nanoTime();
                            last = service.take(target, (long) round, BackupListener.NONE);
                            ours = Duration.ofNanos(System.nanoTime() - start);
                            lines.add(String.format("  round %d MigrateOps backup: %d ms, %s", round, ours.toMillis(), last.size()));
                        }
                    }
                    lines.add(String.format("  round %d ratio MigrateOps / raw: %.3f", round, ours.toNanos() / (double) raw.toNanos()));
                }
                MigrationEngine engine = Engines.over(Map.of("big", settings));
                Duration[] rehearsal = new Duration[1];
                Verification verification = service.verify(last, target, true, Optional.of(copy -> {
                    long start = System.nanoTime();
                    try (TargetDatabase copyDb = new TargetDatabase("big-copy", TargetProperties.of(copy.jdbcUrl(),
                            settings.username(), settings.password(), MIGRATIONS, "C0", 1))) {
                        ApplyResult result = engine.applyToCopy("big", dev.migrateops.catalog.Revision.latest(), copyDb, ApplyRequest.by("benchmark"), ApplyListener.NONE);
                        assertThat(result.success()).isTrue();
                        rehearsal[0] = Duration.ofNanos(System.nanoTime() - start);
                        return result.applied().size() + " applied";
                    }
                }));
                engine.targets().close();
                assertThat(verification.passed()).isTrue();
                lines.add(String.format("  verification (pg_restore --list, scratch restore, row counts): %d ms; %s",
                        verification.took().minus(rehearsal[0]).toMillis(), verification.summary()));
                lines.add(String.format("  rehearsal of the 5 example migrations on the restored copy: %d ms", rehearsal[0].toMillis()));
            }
            for (String line : lines) {
                System.out.println("BENCHMARK " + line);
            }
            Files.writeString(Path.of("target", "benchmarks.txt"), String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
