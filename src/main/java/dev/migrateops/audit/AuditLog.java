package dev.migrateops.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail in the bot's database. Append-only: a trigger refuses UPDATE and DELETE, so not even
 * a bug in the bot can rewrite what happened.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Every audited event, in the publisher's transaction. */
    @EventListener
    public void on(Audited event) {
        Audited.Entry entry = event.auditEntry();
        record(entry.runId(), entry.actor(), entry.action(), entry.details());
    }

    public void record(Long runId, Actor actor, String action, Map<String, ?> details) {
        jdbc.sql("INSERT INTO audit_events (run_id, actor_id, actor_name, action, details, created_at)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?)")
                .params(runId, actor.id(), actor.name(), action, toJson(details), Timestamp.from(clock.instant()))
                .update();
    }

    /** An event's details as this log wrote them; an empty object where they are not JSON. */
    public JsonNode details(AuditEvent event) {
        try {
            return json.readTree(event.details());
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    public List<AuditEvent> forRun(long runId) {
        return jdbc.sql("SELECT id, run_id, actor_id, actor_name, action, details::text, created_at FROM audit_events"
                        + " WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query((rs, n) -> new AuditEvent(rs.getLong(1), rs.getLong(2), new Actor(rs.getString(3), rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** A NUL escape in JSON text: not preceded by a backslash of its own (an even run of backslashes is escaped ones). */
    private static final Pattern NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    /**
     * The details as JSON the store keeps: PostgreSQL's jsonb (and text) cannot hold a NUL character, so one sent in
     * (a command, a reason) is kept as the visible text {@code \u0000} instead of failing the audit row.
     */
    private String toJson(Map<String, ?> details) {
        try {
            return NUL.matcher(json.writeValueAsString(details)).replaceAll("$1\\\\\\\\u0000");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be JSON-serialisable", e);
        }
    }
}
