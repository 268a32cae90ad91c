package dev.migrateops.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrateops.catalog.Migration;
import dev.migrateops.catalog.MigrationReader;
import dev.migrateops.engine.TargetDatabase;
import dev.migrateops.support.PostgresServer;
import dev.migrateops.support.Spread;
import dev.migrateops.support.Tracers;
import dev.migrateops.support.TestDatabase;
import dev.migrateops.trace.MigrationTracer;
import dev.migrateops.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trace of the example migrations — schema copy, five migrations, drop — on the demo shop (10,000 sales) and
 * on the same shop with 1,000,000 sales, in alternating rounds: the copy holds no rows, so the two should match.
 */
@Tag("benchmark")
class TraceBenchmark {

    private static final int ROUNDS = 7;

    @Test
    void traceTimeDoesNotGrowWithTheTable() throws Exception {
        MigrationTracer tracer = Tracers.onThisMachine();
        List<Migration> examples = new MigrationReader().read(Path.of("migrations")).migrations();
        try (TestDatabase small = PostgresServer.get().createDatabase("bench_trace_small").withDemoShop();
             TestDatabase big = PostgresServer.get().createDatabase("bench_trace_big").withDemoShop();
             TargetDatabase smallTarget = new TargetDatabase("small", small.target(Path.of("migrations"), 0));
             TargetDatabase bigTarget = new TargetDatabase("big", big.target(Path.of("migrations"), 0))) {
            big.execute("INSERT INTO product_sales (tenant_id, product_name, status, quantity, amount, created_at)"
                    + " SELECT tenant_id, product_name, status, quantity, amount, created_at FROM product_sales, generate_series(1, 99); ANALYZE product_sales");
            long bigRows = big.count("SELECT count(*) FROM product_sales");
            tracer.trace(smallTarget, examples);
            tracer.trace(bigTarget, examples);
            List<Long> a = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                // each round's files differ by a comment, so that no trace is answered from the results kept
                a.add(timed(tracer, smallTarget, examplesOfRound(2 * round)));
                b.add(timed(tracer, bigTarget, examplesOfRound(2 * round + 1)));
            }
            String line = String.format("trace of the 5 example migrations (copy + run + drop), %d alternating rounds: demo shop "
                    + "(10,000 sales) %s; %,d sales %s; load %s", ROUNDS, Spread.of(a), bigRows, Spread.of(b),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("BENCHMARK " + line);
            Files.writeString(Path.of("target", "benchmarks.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static List<Migration> examplesOfRound(int round) throws java.io.IOException {
        Path dir = Files.createDirectories(Path.of("target", "trace-bench", "round-" + round + "-" + System.nanoTime()));
        try (var files = Files.list(Path.of("migrations"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(dir.resolve(file.getFileName()), Files.readString(file) + "\n-- round " + round + "\n");
            }
        }
        return new MigrationReader().read(dir).migrations();
    }

    private static long timed(MigrationTracer tracer, TargetDatabase target, List<Migration> examples) {
        long start = System.nanoTime();
        Trace trace = tracer.trace(target, examples);
        long took = System.nanoTime() - start;
        assertThat(trace.ran()).isTrue();
        return took;
    }

}
