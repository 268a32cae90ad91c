-- A break-glass run from the command line (no Slack there) is told in its target's incident channel by the next
-- running bot, once: the audit row it was told for is claimed here in the transaction that queues the message.
CREATE TABLE break_glass_notices (
    audit_id     bigint      PRIMARY KEY REFERENCES audit_events (id),
    announced_at timestamptz NOT NULL
);
