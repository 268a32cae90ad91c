-- expect: constraint-not-valid
ALTER TABLE sales ADD CONSTRAINT sales_amount_positive CHECK (amount > 0);
