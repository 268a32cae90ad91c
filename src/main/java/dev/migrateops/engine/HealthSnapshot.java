package dev.migrateops.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The target's health at a moment: what the status updates show and the monitoring window watches.
 *
 * @param replicationLag the worst replica's replay lag; empty without replicas
 */
public record HealthSnapshot(int connections, Duration longestQuery, int lockWaits, int invalidIndexes,
                             Optional<Duration> replicationLag, Optional<ActiveQuery> longestActive, List<String> lockedTables) {

    /** A query someone is running: who, from which application, and its first line (clipped). */
    public record ActiveQuery(int pid, String user, String application, String firstLine) {
    }

    public HealthSnapshot {
        lockedTables = List.copyOf(lockedTables);
    }

    public HealthSnapshot(int connections, Duration longestQuery, int lockWaits, int invalidIndexes,
                          Optional<Duration> replicationLag) {
        this(connections, longestQuery, lockWaits, invalidIndexes, replicationLag, Optional.empty(), List.of());
    }

    public String describe() {
        return connections + " connections · longest query " + seconds(longestQuery) + " · " + lockWaits + " lock wait"
                + (lockWaits == 1 ? "" : "s") + " · " + invalidIndexes + " invalid index" + (invalidIndexes == 1 ? "" : "es")
                + replicationLag.map(lag -> " · replica lag " + seconds(lag)).orElse("");
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
