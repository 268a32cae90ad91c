CREATE INDEX IF NOT EXISTS sales_a ON sales (a);
