-- expect: clean
REFRESH MATERIALIZED VIEW CONCURRENTLY sales_totals;
