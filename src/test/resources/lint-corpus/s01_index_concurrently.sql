-- expect: clean
CREATE INDEX CONCURRENTLY IF NOT EXISTS sales_a ON sales (a);
