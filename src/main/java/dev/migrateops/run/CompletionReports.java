package dev.migrateops.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.AuditEvent;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a run's completion report when the run closes, in the transaction that closed it, after every
 * other listener has heard the closing event. Runs that never started (rejected or cancelled before any
 * step) get none. Stored, and shown again on request.
 */
@Component
public class CompletionReports {

    private final JdbcClient jdbc;
    private final RunRepository runs;
    private final RunSteps steps;
    private final AuditLog audit;
    private final BackupStore backups;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    public CompletionReports(JdbcClient jdbc, RunRepository runs, RunSteps steps, AuditLog audit, BackupStore backups,
                             ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.steps = steps;
        this.audit = audit;
        this.backups = backups;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void onRunEvent(RunEvent event) {
        MigrationRun run = event.run();
        if (!event.runChanged() || run.state().active() || event instanceof RunEvent.ReportWritten) {
            return;
        }
        List<RunSteps.Step> timeline = steps.of(run.id());
        if (timeline.isEmpty()) {
            return;
        }
        CompletionReport report = build(run, timeline);
        jdbc.sql("INSERT INTO run_reports (run_id, report, created_at) VALUES (?, ?::jsonb, ?)"
                        + " ON CONFLICT (run_id) DO UPDATE SET report = excluded.report, markdown = NULL, created_at = excluded.created_at")
                .params(run.id(), toJson(report), Timestamp.from(clock.instant())).update();
        events.publishEvent(new RunEvent.ReportWritten(run, report));
    }

    /** The report of a closed run: as stored, or rebuilt from the store for a report kept as text only. */
    public Optional<CompletionReport> find(long runId) {
        Optional<Optional<String>> stored = jdbc.sql("SELECT report::text FROM run_reports WHERE run_id = ?").param(runId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return stored.get().map(this::fromJson).or(() -> Optional.of(build(runs.get(runId), steps.of(runId))));
    }

    CompletionReport build(MigrationRun run, List<RunSteps.Step> timeline) {
        List<AuditEvent> trail = audit.forRun(run.id());
        List<String> alerts = new ArrayList<>();
        trail.stream().filter(e -> e.action().equals("monitoring.alert")).forEach(e -> alerts.add(audit.details(e).path("detail").asText()));
        List<String> locking = trail.stream().filter(e -> e.action().equals("migration.applied")).map(audit::details)
                .map(d -> d.path("version").asText() + ": "
                        + RunEvent.MigrationApplied.locking(d.path("attempts").asInt(), d.path("worstLockWaitMs").asLong())).toList();
        return new CompletionReport(run.id(), run.target(), run.state(), run.requester(), run.reason(),
                runs.approvals(run.id(), Approval.Purpose.APPLY).stream().map(Approval::approver).toList(), timeline,
                run.plan().migrations(),
                backups.verifiedForRun(run.id()).map(b -> new CompletionReport.Backup(b.id(), b.size(), b.sha256(),
                        b.restoreCheck(), b.path().getFileName().toString())).orElse(null),
                trail.stream().filter(e -> e.action().equals("verify.result")).reduce((a, b) -> b).map(audit::details)
                        .map(CompletionReports::verification).orElse(null),
                locking, alerts, run.outcome() == null ? run.state().name().toLowerCase() : run.outcome());
    }

    private static CompletionReport.Verification verification(JsonNode details) {
        List<String> failures = new ArrayList<>();
        details.path("failures").forEach(f -> failures.add(f.asText()));
        List<String> rows = new ArrayList<>();
        details.path("rowCounts").forEach(r -> rows.add(r.asText()));
        return new CompletionReport.Verification(failures, rows);
    }


    private String toJson(CompletionReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletionReport fromJson(String text) {
        try {
            return json.readValue(text, CompletionReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("completion report is not readable: " + e.getMessage(), e);
        }
    }
}
