-- Composite indexes for the tenant dashboards: "sales of a tenant, by status, newest first".
-- Built CONCURRENTLY so that sales keep being written while they build (so this file runs outside
-- a transaction, one statement at a time).
CREATE INDEX CONCURRENTLY IF NOT EXISTS product_sales_tenant_status_created_idx
    ON product_sales (tenant_id, status, created_at);

CREATE INDEX CONCURRENTLY IF NOT EXISTS cash_drawers_tenant_status_opened_idx
    ON cash_drawers (tenant_id, status, opened_at);
