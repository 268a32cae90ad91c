-- Demo data: 3 tenants, 30 users, 50 products, 10,000 sales, 200 cash drawers. Deterministic.
INSERT INTO tenants (name) SELECT 'tenant ' || g FROM generate_series(1, 3) g;
INSERT INTO users (tenant_id, email) SELECT 1 + g % 3, 'user' || g || '@example.com' FROM generate_series(1, 30) g;
INSERT INTO product_master (tenant_id, name, price)
    SELECT 1 + g % 3, 'product ' || g, 1 + (g * 7 % 100) / 4.0 FROM generate_series(1, 50) g;
INSERT INTO product_sales (tenant_id, product_name, status, quantity, amount, created_at)
    SELECT 1 + g % 3, 'product ' || (1 + g % 50), (ARRAY['completed', 'refunded', 'pending'])[1 + g % 3],
           1 + g % 5, (1 + g % 5) * (1 + (g * 7 % 100) / 4.0), timestamptz '2025-01-01' + g * interval '5 minutes'
    FROM generate_series(1, 10000) g;
INSERT INTO cash_drawers (tenant_id, opened_by_id, status, opened_at)
    SELECT 1 + g % 3, 1 + g % 30, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'closed' END,
           timestamptz '2025-01-01' + g * interval '1 day'
    FROM generate_series(1, 200) g;
