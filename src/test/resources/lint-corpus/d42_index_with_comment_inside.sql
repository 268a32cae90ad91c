-- expect: index-not-concurrent
CREATE /* no rush */ UNIQUE INDEX IF NOT EXISTS sales_e ON sales (e);
