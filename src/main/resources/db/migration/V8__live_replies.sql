-- A live reply is one message in a run's thread that is edited in place as what it shows changes (who blocks
-- a migration, how far an index build is): the outbox names it by a key, and its message id is kept here.
ALTER TABLE slack_outbox ADD COLUMN reply_key text;

CREATE TABLE slack_live_replies (
    run_id    bigint NOT NULL REFERENCES runs (id),
    reply_key text   NOT NULL,
    ts        text   NOT NULL,
    PRIMARY KEY (run_id, reply_key)
);
