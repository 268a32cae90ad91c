-- The dialogs (modals) the bot opened: for which run, for what, in which state of the run, for whom. A
-- submission is acted on only when it answers one of these, once.
CREATE TABLE slack_views (
    view_id   text PRIMARY KEY,
    run_id    bigint      NOT NULL REFERENCES runs (id),
    purpose   text        NOT NULL,
    run_state text        NOT NULL,
    user_id   text        NOT NULL,
    opened_at timestamptz NOT NULL,
    used_at   timestamptz
);
