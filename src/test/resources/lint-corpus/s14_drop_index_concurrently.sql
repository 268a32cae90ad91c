-- expect: clean
DROP INDEX CONCURRENTLY IF EXISTS sales_a;
