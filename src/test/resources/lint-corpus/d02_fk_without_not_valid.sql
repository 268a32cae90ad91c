-- expect: constraint-not-valid
ALTER TABLE sales ADD CONSTRAINT sales_p_fk FOREIGN KEY (p) REFERENCES product (id);
