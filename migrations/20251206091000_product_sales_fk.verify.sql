-- Each row is a constraint that is missing.
SELECT expected.name AS missing_constraint
FROM (VALUES ('product_master_name_key'), ('product_sales_product_name_fkey')) AS expected (name)
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = expected.name);
