-- When a run was approved: the anchor of its status-update cadence.
ALTER TABLE runs ADD COLUMN approved_at timestamptz;

-- The status-update schedule: one row per run from approval until it is closed. Slot k is due at
-- anchor + k * interval; last_slot makes each slot post at most once, whichever instance gets it.
CREATE TABLE run_schedule (
    run_id      bigint PRIMARY KEY REFERENCES runs (id),
    anchor      timestamptz NOT NULL,
    interval_ms bigint      NOT NULL,
    last_slot   integer     NOT NULL DEFAULT 0,
    next_due_at timestamptz NOT NULL
);
CREATE INDEX run_schedule_due ON run_schedule (next_due_at);

-- The monitoring window after VERIFYING: until when, the next probe, the scan counts before, what was alerted.
ALTER TABLE runs ADD COLUMN monitor_until timestamptz;
CREATE TABLE run_monitoring (
    run_id        bigint PRIMARY KEY REFERENCES runs (id),
    until         timestamptz NOT NULL,
    next_probe_at timestamptz NOT NULL,
    baseline      jsonb       NOT NULL,
    alerted       text        NOT NULL DEFAULT ''
);

-- Completion reports, written when a run closes.
CREATE TABLE run_reports (
    run_id     bigint PRIMARY KEY REFERENCES runs (id),
    markdown   text        NOT NULL,
    created_at timestamptz NOT NULL
);
