-- expect: blocking-maintenance
REFRESH MATERIALIZED VIEW sales_totals;
