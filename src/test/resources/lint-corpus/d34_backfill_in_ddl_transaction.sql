-- expect: backfill-in-ddl-transaction
ALTER TABLE sales ADD COLUMN region text;
UPDATE sales SET region = 'eu' WHERE region IS NULL;
