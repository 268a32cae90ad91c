-- expect: concurrently-in-transaction
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_c ON sales (c);
COMMIT;
