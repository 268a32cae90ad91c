-- The bot's own store: runs, their votes, the audit trail, the Slack outbox, and seen requests.

CREATE TABLE runs (
    id                    bigserial PRIMARY KEY,
    target                text        NOT NULL,
    state                 text        NOT NULL,
    state_before_rollback text,
    rollback_requester_id   text,
    rollback_requester_name text,
    rollback_reason       text,
    rollback_by_restore   boolean     NOT NULL DEFAULT false,
    lint_override_by      text,
    lint_override_reason  text,
    requester_id          text        NOT NULL,
    requester_name        text        NOT NULL,
    reason                text,
    to_version            text,
    plan                  jsonb       NOT NULL,
    plan_fingerprint      text        NOT NULL,
    channel               text        NOT NULL,
    card_ts               text,
    step                  text,
    step_started_at       timestamptz,
    outcome               text,
    approvals_void_reason text,
    worker_id             text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    finished_at           timestamptz
);

-- One active run per target, whatever the number of bot instances.
CREATE UNIQUE INDEX runs_one_active_per_target ON runs (target)
    WHERE state IN ('REQUESTED', 'APPROVED', 'PRECHECKS', 'BACKUP', 'APPLYING', 'VERIFYING', 'MONITORING',
                    'ROLLBACK_REQUESTED', 'ROLLING_BACK');

CREATE TABLE run_steps (
    id          bigserial PRIMARY KEY,
    run_id      bigint      NOT NULL REFERENCES runs (id),
    step        text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    outcome     text,
    detail      text
);

CREATE TABLE approvals (
    id            bigserial PRIMARY KEY,
    run_id        bigint      NOT NULL REFERENCES runs (id),
    purpose       text        NOT NULL CHECK (purpose IN ('APPLY', 'ROLLBACK')),
    approver_id   text        NOT NULL,
    approver_name text        NOT NULL,
    decided_at    timestamptz NOT NULL,
    void          boolean     NOT NULL DEFAULT false
);

-- One vote per person per purpose: a double click cannot count twice.
CREATE UNIQUE INDEX approvals_one_vote ON approvals (run_id, purpose, approver_id) WHERE NOT void;

CREATE TABLE audit_events (
    id         bigserial PRIMARY KEY,
    run_id     bigint,
    actor_id   text        NOT NULL,
    actor_name text        NOT NULL,
    action     text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL
);
CREATE INDEX audit_events_run ON audit_events (run_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE TABLE slack_outbox (
    id              bigserial PRIMARY KEY,
    channel         text        NOT NULL,
    kind            text        NOT NULL,
    run_id          bigint,
    user_id         text,
    text            text        NOT NULL,
    blocks          text,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    message_ts      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX slack_outbox_pending ON slack_outbox (channel, id) WHERE status = 'PENDING';

-- Seen Slack requests, to ignore retries and repeats. UNLOGGED: no WAL flush on the acknowledgement
-- path; after a crash it starts empty, and the constraints on runs and approvals still hold.
CREATE UNLOGGED TABLE inbound_requests (
    request_key text PRIMARY KEY,
    received_at timestamptz NOT NULL
);
