-- The instance executing a run holds it by lease (worker_id, renewed while it lives). Only a run whose
-- lease expired is recovered, by whichever instance claims it first.
ALTER TABLE runs ADD COLUMN lease_expires_at timestamptz;
-- Cancel while applying is a row: any instance writes it, the executing instance acts on it.
ALTER TABLE runs ADD COLUMN cancel_requested_by_id text;
ALTER TABLE runs ADD COLUMN cancel_requested_by_name text;
