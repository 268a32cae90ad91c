-- expect: clean
REINDEX INDEX CONCURRENTLY sales_pkey;
