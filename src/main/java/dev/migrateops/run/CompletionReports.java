package dev.migrateops.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.audit.AuditEvent;
import dev.migrateops.audit.AuditLog;
import dev.migrateops.backup.BackupStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The run's story when it closes, modelled on seed 003's completion report: timeline with durations,
 * people, migrations with checksums, the backup, verification with row counts, alerts during monitoring,
 * the outcome. Stored, posted to the run's thread, and shown again by {@code /migrate report}.
 */
@Component
public class CompletionReports {

    private final JdbcClient jdbc;
    private final RunRepository runs;
    private final RunSteps steps;
    private final AuditLog audit;
    private final BackupStore backups;
    private final RunObserver observer;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public CompletionReports(JdbcClient jdbc, RunRepository runs, RunSteps steps, AuditLog audit, BackupStore backups,
                             RunObserver observer, Clock clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.steps = steps;
        this.audit = audit;
        this.backups = backups;
        this.observer = observer;
        this.clock = clock;
    }

    @EventListener
    public void onRunClosed(RunClosed closed) {
        MigrationRun run = runs.get(closed.runId());
        String report = write(run);
        jdbc.sql("INSERT INTO run_reports (run_id, markdown, created_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (run_id) DO UPDATE SET markdown = excluded.markdown, created_at = excluded.created_at")
                .params(run.id(), report, Timestamp.from(clock.instant())).update();
        observer.step(run, report);
    }

    public Optional<String> find(long runId) {
        return jdbc.sql("SELECT markdown FROM run_reports WHERE run_id = ?").param(runId).query(String.class).optional();
    }

    String write(MigrationRun run) {
        List<AuditEvent> events = audit.forRun(run.id());
        Instant now = clock.instant();
        StringBuilder md = new StringBuilder("📋 *Completion report — " + run.target() + " run " + run.label() + " — " + run.state() + "*\n");
        md.append("Requested by <@").append(run.requester().id()).append(">")
                .append(run.reason() == null ? "" : " — \"" + run.reason() + "\"");
        List<String> approvers = runs.approvals(run.id(), Approval.Purpose.APPLY).stream().map(a -> "<@" + a.approver().id() + ">").toList();
        md.append(" · approved by ").append(approvers.isEmpty() ? "policy (no approval needed)" : String.join(", ", approvers)).append('\n');
        md.append("*Timeline*\n");
        for (RunSteps.Step step : steps.of(run.id())) {
            md.append("• ").append(step.name()).append(" — ").append(human(step.duration(now)))
                    .append(step.outcome() == null || step.outcome().equals("done") ? "" : " (" + step.outcome() + ")").append('\n');
        }
        md.append("*Migrations*\n");
        run.plan().migrations().forEach(m -> md.append("• `").append(m.version()).append("` ").append(m.name())
                .append(" · sha256 `").append(m.checksum(), 0, Math.min(12, m.checksum().length())).append("…`\n"));
        md.append("*Backup*: ").append(backups.verifiedForRun(run.id()).map(b -> "#" + b.id() + " " + b.size() + ", sha256 `"
                + b.sha256().substring(0, 12) + "…`, " + b.restoreCheck() + " (" + b.path().getFileName() + ")").orElse("none")).append('\n');
        md.append("*Verification*: ").append(detail(events, "verify.result").map(this::verification).orElse("not reached")).append('\n');
        List<String> alerts = new ArrayList<>();
        events.stream().filter(e -> e.action().equals("monitoring.alert")).forEach(e -> alerts.add(read(e).path("detail").asText()));
        md.append("*Alerts during monitoring*: ").append(alerts.isEmpty() ? "none" : "\n• " + String.join("\n• ", alerts)).append('\n');
        md.append("*Outcome*: ").append(run.outcome() == null ? run.state().name().toLowerCase() : run.outcome());
        return md.toString();
    }

    private String verification(JsonNode details) {
        List<String> failures = new ArrayList<>();
        details.path("failures").forEach(f -> failures.add(f.asText()));
        List<String> rows = new ArrayList<>();
        details.path("rowCounts").forEach(r -> rows.add(r.asText()));
        return (failures.isEmpty() ? "passed" : "FAILED: " + String.join("; ", failures))
                + (rows.isEmpty() ? "" : "; rows before → after: " + String.join(", ", rows));
    }

    private Optional<JsonNode> detail(List<AuditEvent> events, String action) {
        return events.stream().filter(e -> e.action().equals(action)).reduce((a, b) -> b).map(this::read);
    }

    private JsonNode read(AuditEvent event) {
        try {
            return json.readTree(event.details());
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
