-- Completion reports are stored as the typed report (JSON); renderers make the message. Reports written
-- before this keep their markdown and are rebuilt from the store when shown again.
ALTER TABLE run_reports ADD COLUMN report jsonb;
ALTER TABLE run_reports ALTER COLUMN markdown DROP NOT NULL;

-- Slack's message ids belong to the Slack adapter: the card of each run, where it was posted.
CREATE TABLE slack_cards (
    run_id  bigint PRIMARY KEY REFERENCES runs (id),
    channel text NOT NULL,
    ts      text NOT NULL
);
INSERT INTO slack_cards (run_id, channel, ts) SELECT id, channel, card_ts FROM runs WHERE card_ts IS NOT NULL;
ALTER TABLE runs DROP COLUMN card_ts;
