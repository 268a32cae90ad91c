-- Money in double precision rounds badly; store it as numeric(10,2).
-- Rewrites the table. There is no down file on purpose: going back to double precision would not
-- give the old values back, so the rollback of this migration is a restore from backup.
-- migrateops:allow alter-column-type rewrite accepted in the maintenance window; rehearsed on a restored copy first
ALTER TABLE product_sales ALTER COLUMN amount TYPE numeric(10, 2) USING round(amount::numeric, 2);
