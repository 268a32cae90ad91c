-- expect: index-not-concurrent
CREATE INDEX IF NOT EXISTS sales_a ON sales (a);
