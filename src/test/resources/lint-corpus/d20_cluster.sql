-- expect: blocking-maintenance
CLUSTER sales USING sales_pkey;
