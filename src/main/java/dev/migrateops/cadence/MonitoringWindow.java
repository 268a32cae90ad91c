package dev.migrateops.cadence;

import dev.migrateops.catalog.MigrationVersion;
import dev.migrateops.catalog.TouchedTables;
import dev.migrateops.config.MonitoringProperties;
import dev.migrateops.run.MigrationRun;
import dev.migrateops.run.RunEvent;
import dev.migrateops.run.RunEvents;
import dev.migrateops.run.RunRepository;
import dev.migrateops.run.RunState;
import dev.migrateops.engine.HealthSnapshot;
import dev.migrateops.engine.MigrationEngine;
import dev.migrateops.engine.TableCounts;
import dev.migrateops.text.Plural;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches a target after its migrations: probes every few minutes for long queries, lock waits, invalid
 * indexes and sequential scans piling up on the touched tables (against the counts when the window
 * began). A breach alerts the channel once per kind, with the Rollback button; the run closes as
 * COMPLETED when the window ends. Claimed with {@code FOR UPDATE SKIP LOCKED}, like the cadence.
 */
@Component
class MonitoringWindow {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final RunRepository runs;
    private final MigrationEngine engine;
    private final RunEvents events;
    private final MonitoringProperties settings;

    public MonitoringWindow(JdbcClient jdbc, TransactionTemplate transaction, Clock clock, RunRepository runs, MigrationEngine engine,
                            RunEvents events, MonitoringProperties settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.runs = runs;
        this.engine = engine;
        this.events = events;
        this.settings = settings;
    }

    public void tick() {
        Instant now = clock.instant();
        adoptMonitoredRuns(now);
        for (long runId : jdbc.sql("SELECT run_id FROM run_monitoring WHERE next_probe_at <= ? OR until <= ? ORDER BY run_id")
                .params(Timestamp.from(now), Timestamp.from(now)).query(Long.class).list()) {
            transaction.executeWithoutResult(status -> watch(runId, now));
        }
    }

    private void adoptMonitoredRuns(Instant now) {
        List<Long> unwatched = jdbc.sql("SELECT id FROM runs WHERE state = 'MONITORING' AND monitor_until IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM run_monitoring m WHERE m.run_id = runs.id)").query(Long.class).list();
        for (long runId : unwatched) {
            MigrationRun run = runs.get(runId);
            Map<String, Long> baseline = engine.seqScans(run.target(), touchedTables(run));
            jdbc.sql("INSERT INTO run_monitoring (run_id, until, next_probe_at, baseline) VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING")
                    .params(runId, Timestamp.from(runs.monitorUntil(runId).orElse(now)),
                            Timestamp.from(now.plus(settings.probeInterval())), TableCounts.toJson(baseline))
                    .update();
        }
    }

    private void watch(long runId, Instant now) {
        record Watch(Instant until, Map<String, Long> baseline, Set<String> alerted) {
        }
        Optional<Watch> claimed = jdbc.sql("SELECT until, baseline::text, alerted FROM run_monitoring WHERE run_id = ? FOR UPDATE SKIP LOCKED")
                .param(runId)
                .query((rs, n) -> new Watch(rs.getTimestamp(1).toInstant(), TableCounts.fromJson(rs.getString(2)),
                        new LinkedHashSet<>(Arrays.asList(rs.getString(3).isEmpty() ? new String[0] : rs.getString(3).split(",")))))
                .optional();
        if (claimed.isEmpty()) {
            return;
        }
        MigrationRun run = runs.get(runId);
        if (run.state() != RunState.MONITORING) {
            jdbc.sql("DELETE FROM run_monitoring WHERE run_id = ?").param(runId).update();
            return;
        }
        Watch watch = claimed.get();
        if (!now.isBefore(watch.until())) {
            jdbc.sql("DELETE FROM run_monitoring WHERE run_id = ?").param(runId).update();
            MigrationRun done = runs.transition(runId, RunState.COMPLETED, null, "completed after the monitoring window");
            events.publish(new RunEvent.Completed(done, RunEvent.Completion.WINDOW_ENDED, Optional.empty(),
                    List.copyOf(watch.alerted())));
            return;
        }
        for (Breach breach : probe(run, watch.baseline())) {
            if (watch.alerted().add(breach.kind())) {
                events.publish(new RunEvent.MonitoringAlert(run, breach.kind(), breach.detail()));
            }
        }
        jdbc.sql("UPDATE run_monitoring SET next_probe_at = ?, alerted = ? WHERE run_id = ?")
                .params(Timestamp.from(now.plus(settings.probeInterval())), String.join(",", watch.alerted()), runId).update();
    }

    /** One threshold crossed. */
    record Breach(String kind, String detail) {
    }

    private List<Breach> probe(MigrationRun run, Map<String, Long> baseline) {
        List<Breach> breaches = new ArrayList<>();
        try {
            HealthSnapshot health = engine.health(run.target());
            if (health.longestQuery().compareTo(settings.longQuery()) > 0) {
                breaches.add(new Breach("long-query", health.longestActive().map(q -> "pid " + q.pid() + " (user " + q.user()
                        + (q.application() == null || q.application().isBlank() ? "" : ", application \"" + q.application() + "\"")
                        + ") has been running \"" + q.firstLine() + "\"").orElse("a query has been running") + " for "
                        + health.longestQuery().toSeconds() + " s (threshold " + settings.longQuery().toSeconds() + " s)"));
            }
            if (health.lockWaits() > settings.lockWaits()) {
                breaches.add(new Breach("lock-waits", Plural.of(health.lockWaits(), "session") + " waiting on locks"
                        + (health.lockedTables().isEmpty() ? "" : " on " + String.join(", ", health.lockedTables()))
                        + " (threshold " + settings.lockWaits() + ")"));
            }
            if (health.invalidIndexes() > 0) {
                breaches.add(new Breach("invalid-index", Plural.of(health.invalidIndexes(), "invalid index") + " on the target"));
            }
            engine.seqScans(run.target(), baseline.keySet()).forEach((table, scans) -> {
                long more = scans - baseline.getOrDefault(table, scans);
                if (more > settings.seqScans()) {
                    breaches.add(new Breach("seq-scans:" + table, more + " sequential scans on " + table
                            + " since the migration (threshold " + settings.seqScans() + "): is an index missing or unused?"));
                }
            });
        } catch (RuntimeException e) {
            breaches.add(new Breach("unreachable", "the target cannot be probed: " + e.getMessage()));
        }
        return breaches;
    }

    private Set<String> touchedTables(MigrationRun run) {
        Set<String> tables = new LinkedHashSet<>();
        var catalog = engine.catalog(run.target(), dev.migrateops.run.RunPlanner.revisionOf(run));
        run.plan().migrations().forEach(m -> catalog.find(MigrationVersion.parse(m.version()))
                .ifPresent(migration -> tables.addAll(TouchedTables.of(migration))));
        return tables;
    }


}
