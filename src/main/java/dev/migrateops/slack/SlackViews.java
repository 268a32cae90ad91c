package dev.migrateops.slack;

import dev.migrateops.run.RunState;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dialogs the bot opened, so that a submission is acted on only when it answers one of them: the same
 * view, run and purpose, from the person it was opened for, once.
 */
@Repository
class SlackViews {

    /** What a dialog asks for. */
    public enum Purpose { REJECT_REASON, RESTORE_CONFIRMATION, CANCEL_BLOCKER, TERMINATE_BLOCKER }

    private final JdbcClient jdbc;
    private final Clock clock;

    public SlackViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void opened(String viewId, long runId, Purpose purpose, RunState state, String userId) {
        jdbc.sql("INSERT INTO slack_views (view_id, run_id, purpose, run_state, user_id, opened_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (view_id) DO UPDATE SET run_id = excluded.run_id, purpose = excluded.purpose,"
                        + " run_state = excluded.run_state, user_id = excluded.user_id, opened_at = excluded.opened_at, used_at = NULL")
                .params(viewId, runId, purpose.name(), state.name(), userId, Timestamp.from(clock.instant())).update();
    }

    /** The run's state when the dialog was opened, if this submission answers an open dialog; it is then used up. */
    Optional<RunState> answer(String viewId, long runId, Purpose purpose, String userId) {
        return jdbc.sql("UPDATE slack_views SET used_at = ? WHERE view_id = ? AND run_id = ? AND purpose = ? AND user_id = ?"
                        + " AND used_at IS NULL RETURNING run_state")
                .params(Timestamp.from(clock.instant()), viewId, runId, purpose.name(), userId)
                .query(String.class).optional().map(RunState::valueOf);
    }
}
