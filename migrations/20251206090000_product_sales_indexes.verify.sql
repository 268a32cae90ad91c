-- Each row is an index that is missing.
SELECT expected.name AS missing_index
FROM (VALUES ('product_sales_tenant_status_created_idx'), ('cash_drawers_tenant_status_opened_idx')) AS expected (name)
WHERE to_regclass(expected.name) IS NULL;
