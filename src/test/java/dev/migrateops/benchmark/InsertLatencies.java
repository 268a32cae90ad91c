package dev.migrateops.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Latencies from pgbench's per-transaction logs ({@code --log}): with {@code --rate}, each line is
 * {@code client tx latency_us script epoch_s epoch_us lag_us}, and the latency already counts from the
 * scheduled start, so it includes the lag: what a client of the application would wait.
 */
record InsertLatencies(List<Long> micros) {

    static InsertLatencies read(Path dir, String prefix) throws IOException {
        List<Long> micros = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 7 && !f[2].equals("skipped")) {
                        micros.add(Long.parseLong(f[2]));
                    }
                }
            }
        }
        micros.sort(Long::compare);
        return new InsertLatencies(micros);
    }

    long maxMs() {
        return micros.isEmpty() ? 0 : micros.get(micros.size() - 1) / 1000;
    }

    double p99Ms() {
        return micros.isEmpty() ? 0 : micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0;
    }

    String describe() {
        return String.format("%d inserts, p99 %.1f ms, max %d ms", micros.size(), p99Ms(), maxMs());
    }
}
