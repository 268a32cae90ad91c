-- expect: constraint-not-valid
ALTER TABLE sales ADD COLUMN product_id bigint REFERENCES product (id);
