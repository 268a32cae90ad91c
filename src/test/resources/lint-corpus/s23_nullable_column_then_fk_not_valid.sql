-- expect: clean
ALTER TABLE sales ADD COLUMN product_id bigint;
ALTER TABLE sales ADD CONSTRAINT sales_product_fk FOREIGN KEY (product_id) REFERENCES product (id) NOT VALID;
