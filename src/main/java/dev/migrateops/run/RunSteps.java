package dev.migrateops.run;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The timeline of a run: each step with when it started and ended, for status updates and the report. */
@Repository
public class RunSteps {

    /** One step; {@code finishedAt} is null while it runs. */
    public record Step(String name, Instant startedAt, Instant finishedAt, String outcome) {
        public Duration duration(Instant now) {
            return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public RunSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Ends the step in progress (as done) and starts the next. */
    public void start(long runId, String step) {
        finish(runId, "done");
        jdbc.sql("INSERT INTO run_steps (run_id, step, started_at) VALUES (?, ?, ?)")
                .params(runId, step, Timestamp.from(clock.instant())).update();
    }

    public void finish(long runId, String outcome) {
        jdbc.sql("UPDATE run_steps SET finished_at = ?, outcome = ? WHERE run_id = ? AND finished_at IS NULL")
                .params(Timestamp.from(clock.instant()), outcome, runId).update();
    }

    public List<Step> of(long runId) {
        return jdbc.sql("SELECT step, started_at, finished_at, outcome FROM run_steps WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query((rs, n) -> new Step(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .list();
    }
}
