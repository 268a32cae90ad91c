package dev.migrateops.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * The target's health at a moment: what the status updates show and the monitoring window watches.
 *
 * @param replicationLag the worst replica's replay lag; empty without replicas
 */
public record HealthSnapshot(int connections, Duration longestQuery, int lockWaits, int invalidIndexes,
                             Optional<Duration> replicationLag) {

    public String describe() {
        return connections + " connections · longest query " + seconds(longestQuery) + " · " + lockWaits + " lock wait"
                + (lockWaits == 1 ? "" : "s") + " · " + invalidIndexes + " invalid index" + (invalidIndexes == 1 ? "" : "es")
                + replicationLag.map(lag -> " · replica lag " + seconds(lag)).orElse("");
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
