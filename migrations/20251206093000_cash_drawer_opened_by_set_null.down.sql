ALTER TABLE cash_drawers DROP CONSTRAINT cash_drawers_opened_by_id_fkey;

ALTER TABLE cash_drawers ADD CONSTRAINT cash_drawers_opened_by_id_fkey
    FOREIGN KEY (opened_by_id) REFERENCES users (id) ON DELETE RESTRICT;
