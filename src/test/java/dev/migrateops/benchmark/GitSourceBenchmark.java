package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Revision;
import dev.migrateops.config.ApplyProperties;
import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.SourceProperties;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.PlanSnapshot;
import dev.migrateops.support.Engines;
import dev.migrateops.support.GitRepos;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Spread;
import dev.migrateops.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching and planning a repository of 200 Supabase-layout migrations, each its own commit: a cold clone
 * (empty cache) and a warm fetch (nothing new), in alternating rounds, and the same 200 files read from a
 * directory for comparison. The plan is the engine's snapshot: fetch, resolve, read the tree, parse every
 * file, read the target's history, compare.
 */
@Tag("benchmark")
class GitSourceBenchmark {

    private static final int ROUNDS = 7;
    private static final int MIGRATIONS = 200;

    @TempDir
    Path dir;

    @Test
    void fetchAndPlanOfTwoHundredMigrations() throws IOException {
        try (GitRepos repo = GitRepos.create(dir.resolve("repo"));
             TestDatabase db = PostgresServer.get().createDatabase("bench_git")) {
            Path plain = Files.createDirectories(dir.resolve("plain/supabase/migrations"));
            for (int i = 1; i <= MIGRATIONS; i++) {
                String name = String.format("2024%010d_table_%03d.sql", i, i);
                String sql = "-- migration " + i + "\nCREATE TABLE t" + i + " (id bigint PRIMARY KEY, note text);\n"
                        + "CREATE INDEX t" + i + "_note ON t" + i + " (note);\n";
                repo.commit("main", "Add table " + i, "Dev", Map.of("supabase/migrations/" + name, sql));
                Files.writeString(plain.resolve(name), sql);
            }
            TargetProperties target = db.target(dir.resolve("plain"), 0);
            List<Long> cold = new ArrayList<>();
            List<Long> warm = new ArrayList<>();
            List<Long> directory = new ArrayList<>();
            Path warmCache = dir.resolve("warm-cache");
            timed(engine(db, repo, warmCache), true); // the warm side's clone, made once
            for (int round = 0; round < ROUNDS; round++) {
                cold.add(timed(engine(db, repo, dir.resolve("cold-" + UUID.randomUUID())), true));
                warm.add(timed(engine(db, repo, warmCache), true));
                directory.add(timed(Engines.over(Map.of("shop", target)), false));
            }
            String line = String.format("fetch and plan of %d migrations (%d commits, Supabase layout, local repository): "
                    + "cold clone %s; warm fetch %s; the same files from a directory %s; %d alternating rounds; load %s",
                    MIGRATIONS, MIGRATIONS, Spread.of(cold), Spread.of(warm), Spread.of(directory), ROUNDS,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("BENCHMARK " + line);
            Files.writeString(Path.of("target", "benchmarks.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static MigrationEngine engine(TestDatabase db, GitRepos repo, Path cache) {
        Map<String, TargetProperties> targets = new TreeMap<>();
        TargetProperties plain = db.target(Path.of("unused"), 0);
        targets.put("shop", new TargetProperties(plain.jdbcUrl(), plain.username(), plain.password(), plain.migrationsDir(),
                plain.incidentChannel(), 0, Duration.ofSeconds(5), Duration.ofSeconds(3), 2, List.of(), null, null, false,
                Duration.ofHours(4), TargetProperties.BackupMode.OFF, null, null, TargetProperties.TraceMode.OFF, "shop", null, null, null, null, null, null, null));
        return Engines.over(new MigrateOpsProperties(targets, ApplyProperties.defaults(),
                Map.of("shop", SourceProperties.of(repo.url(), "main", "")), cache));
    }

    private static long timed(MigrationEngine engine, boolean git) {
        long start = System.nanoTime();
        PlanSnapshot snapshot = engine.snapshot("shop", Optional.empty(), Revision.latest());
        long took = System.nanoTime() - start;
        assertThat(snapshot.pending()).hasSize(MIGRATIONS);
        assertThat(snapshot.catalog().commit().isPresent()).isEqualTo(git);
        engine.targets().close();
        return took;
    }

}
