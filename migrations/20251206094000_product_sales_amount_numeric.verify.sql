SELECT column_name, data_type, numeric_precision, numeric_scale
FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'product_sales' AND column_name = 'amount'
  AND (data_type <> 'numeric' OR numeric_precision <> 10 OR numeric_scale <> 2);
