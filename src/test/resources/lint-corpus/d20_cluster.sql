CLUSTER sales USING sales_pkey;
