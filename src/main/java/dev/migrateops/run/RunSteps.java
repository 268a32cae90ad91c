package dev.migrateops.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateops.engine.Blocker;
import dev.migrateops.engine.Progress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The timeline of a run: each step with when it started and ended, and what the running one is doing now, for
 * status updates, the card and the report.
 */
@Repository
public class RunSteps {

    /**
     * One step; {@code finishedAt} is null while it runs.
     *
     * @param progress how far its long work is now; null when none is running
     * @param blockers the sessions its migration waits for now; empty when none
     */
    public record Step(String name, Instant startedAt, Instant finishedAt, String outcome, Progress progress,
                       List<Blocker> blockers) {
        public Step {
            blockers = blockers == null ? List.of() : List.copyOf(blockers);
        }

        public Step(String name, Instant startedAt, Instant finishedAt, String outcome) {
            this(name, startedAt, finishedAt, outcome, null, List.of());
        }

        public Duration duration(Instant now) {
            return Duration.between(startedAt, finishedAt == null ? now : finishedAt);
        }
    }

    private static final TypeReference<Progress> PROGRESS = new TypeReference<>() {
    };
    private static final TypeReference<List<Blocker>> BLOCKERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    public RunSteps(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** What the running step's long work has done; null once it has ended. */
    void progress(long runId, Progress progress) {
        jdbc.sql("UPDATE run_steps SET progress = ?::jsonb WHERE run_id = ? AND finished_at IS NULL")
                .params(progress == null ? null : write(progress), runId).update();
    }

    /** The sessions the running step's migration waits for now. */
    void blockers(long runId, List<Blocker> blockers) {
        jdbc.sql("UPDATE run_steps SET blockers = ?::jsonb WHERE run_id = ? AND finished_at IS NULL")
                .params(blockers.isEmpty() ? null : write(blockers), runId).update();
    }

    /** The step running now, if one is. */
    public Optional<Step> current(long runId) {
        List<Step> all = of(runId);
        return all.isEmpty() || all.get(all.size() - 1).finishedAt() != null ? Optional.empty()
                : Optional.of(all.get(all.size() - 1));
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
        return jdbc.sql("SELECT step, started_at, finished_at, outcome, progress, blockers FROM run_steps WHERE run_id = ? ORDER BY id")
                .param(runId)
                .query((rs, n) -> new Step(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5) == null ? null : read(rs.getString(5), PROGRESS),
                        rs.getString(6) == null ? List.of() : read(rs.getString(6), BLOCKERS)))
                .list();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a step's stored " + type.getType().getTypeName(), e);
        }
    }
}
