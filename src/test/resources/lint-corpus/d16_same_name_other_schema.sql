-- expect: index-not-concurrent
CREATE TABLE IF NOT EXISTS audit.sales (id bigint);
CREATE INDEX IF NOT EXISTS sales_id ON sales (id);
