SELECT conname AS still_not_valid FROM pg_constraint
WHERE conname = 'product_sales_product_name_fkey' AND NOT convalidated;
