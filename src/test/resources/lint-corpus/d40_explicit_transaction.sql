-- expect: transaction-control
BEGIN;
ALTER TABLE sales ADD COLUMN note2 text;
COMMIT;
