package dev.migrateops.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.slack.outbox.SlackGateway;
import dev.migrateops.slack.view.BreakGlassView;
import dev.migrateops.worker.BackgroundLoop;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a target's incident channel about break-glass runs started on the command line, which has no Slack: every
 * {@value #EVERY_SECONDS} s, each audit row of one not told yet is claimed and its message queued in one transaction,
 * so that exactly one running bot tells it, once.
 */
@Component
class BreakGlassNotices extends BackgroundLoop {

    private static final long EVERY_SECONDS = 15;

    /** One break-glass row of the command line, with where to tell it. */
    record Notice(long auditId, long runId, String target, String channel, String actor, String action, String details) {
    }

    private final JdbcClient jdbc;
    private final SlackGateway gateway;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;

    BreakGlassNotices(JdbcClient jdbc, SlackGateway gateway, TransactionTemplate transaction, ObjectMapper json, Clock clock) {
        super("break-glass-notices");
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected void round() {
        List<Notice> untold = jdbc.sql("SELECT a.id, r.id, r.target, r.channel, a.actor_name, a.action, a.details::text"
                        + " FROM audit_events a JOIN runs r ON r.id = a.run_id"
                        + " WHERE a.action IN ('run.break_glass', 'rollback.break_glass') AND a.actor_id LIKE 'cli:%'"
                        + " AND NOT EXISTS (SELECT 1 FROM break_glass_notices n WHERE n.audit_id = a.id) ORDER BY a.id LIMIT 20")
                .query((rs, i) -> new Notice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7))).list();
        for (Notice notice : untold) {
            transaction.executeWithoutResult(status -> {
                int claimed = jdbc.sql("INSERT INTO break_glass_notices (audit_id, announced_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(notice.auditId(), Timestamp.from(clock.instant())).update();
                if (claimed == 1) {
                    gateway.channelMessage(notice.channel(), BreakGlassView.text(notice.runId(), notice.target(), notice.actor(),
                            notice.action().startsWith("rollback"), reason(notice.details())));
                }
            });
        }
    }

    private String reason(String details) {
        try {
            JsonNode node = json.readTree(details);
            return node.path("reason").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }

    @Override
    protected long pauseMillis() {
        return Duration.ofSeconds(EVERY_SECONDS).toMillis();
    }
}
