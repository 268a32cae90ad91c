-- expect: index-not-concurrent
DO $$
BEGIN
  CREATE INDEX IF NOT EXISTS sales_b ON sales (b);
END
$$;
