-- What the running step is doing right now, for status updates and the card: how far its long work is, and the
-- sessions its migration waits for. Typed values as JSON; cleared when the work ends.
ALTER TABLE run_steps ADD COLUMN progress jsonb;
ALTER TABLE run_steps ADD COLUMN blockers jsonb;
