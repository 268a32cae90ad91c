-- Completion reports are stored as the typed report (JSON); renderers make the message. Reports written
-- before this keep their markdown and are rebuilt from the store when shown again.
ALTER TABLE run_reports ADD COLUMN report jsonb;
ALTER TABLE run_reports ALTER COLUMN markdown DROP NOT NULL;
