-- expect: enum-value-used-same-transaction
ALTER TYPE sale_status ADD VALUE 'archived';
UPDATE sales SET status = 'archived' WHERE created_at < '2020-01-01';
