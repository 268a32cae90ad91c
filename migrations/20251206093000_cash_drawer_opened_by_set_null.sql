-- Deleting a user was blocked by the cash drawers they opened (ON DELETE RESTRICT).
-- Keep the drawers and forget who opened them instead.
ALTER TABLE cash_drawers DROP CONSTRAINT cash_drawers_opened_by_id_fkey;

-- migrateops:allow constraint-not-valid cash_drawers is small (one row per drawer per day); validating at once keeps the FK whole
ALTER TABLE cash_drawers ADD CONSTRAINT cash_drawers_opened_by_id_fkey
    FOREIGN KEY (opened_by_id) REFERENCES users (id) ON DELETE SET NULL;
