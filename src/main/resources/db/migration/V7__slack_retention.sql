-- retention finds delivered outbox rows by age without reading the whole outbox
CREATE INDEX slack_outbox_delivered ON slack_outbox (sent_at) WHERE status IN ('SENT', 'SUPERSEDED');
