package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.config.TargetProperties;
import dev.migrateops.lint.LintReport;
import dev.migrateops.lint.MigrationLinter;
import dev.migrateops.lint.TableFacts;
import dev.migrateops.support.Engines;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.PreCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lint throughput on a 10,000-statement file, and the time of the full pre-check set on the example target. */
@Tag("benchmark")
class LintBenchmark {

    @Test
    void lintThroughputAndPreCheckTime() throws Exception {
        List<String> corpus = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "lint-corpus"))) {
            for (Path file : files.sorted().toList()) {
                corpus.add(Files.readString(file));
            }
        }
        StringBuilder big = new StringBuilder();
        int statements = 0;
        for (int i = 0; statements < 10_000; i++) {
            String piece = corpus.get(i % corpus.size());
            big.append(piece).append('\n');
            statements += piece.split(";\n").length;
        }
        MigrationLinter linter = new MigrationLinter();
        String text = big.toString();
        for (int i = 0; i < 5; i++) {
            linter.lint("big.sql", text, TableFacts.UNKNOWN);
        }
        List<Long> nanos = new ArrayList<>();
        LintReport report = null;
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            report = linter.lint("big.sql", text, TableFacts.UNKNOWN);
            nanos.add(System.nanoTime() - start);
        }
        Collections.sort(nanos);
        long median = nanos.get(nanos.size() / 2);
        assertThat(report.findings()).isNotEmpty();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("lint: %d statements (%d findings) in %.1f ms median of 10 → %.0f statements/s", statements,
                report.findings().size(), median / 1e6, statements / (median / 1e9)));

        try (TestDatabase shop = PostgresServer.get().createDatabase("bench_prechecks").withDemoShop()) {
            TargetProperties target = shop.target(Path.of("migrations"), 1);
            MigrationEngine engine = Engines.over(Map.of("shop", target));
            List<Long> precheck = new ArrayList<>();
            List<PreCheck> checks = null;
            for (int i = 0; i < 11; i++) {
                long start = System.nanoTime();
                checks = engine.preChecks("shop", Optional.<MigrationVersion>empty(), Path.of("target"));
                engine.check("shop", List.of("20251206091000"));
                precheck.add(System.nanoTime() - start);
            }
            engine.targets().close();
            Collections.sort(precheck);
            lines.add(String.format("pre-checks on the example target (%d live checks + the .check.sql queries): %.1f ms median of 11",
                    checks.size(), precheck.get(precheck.size() / 2) / 1e6));
        }
        for (String line : lines) {
            System.out.println("BENCHMARK " + line);
        }
        Files.writeString(Path.of("target", "benchmarks.txt"), String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
