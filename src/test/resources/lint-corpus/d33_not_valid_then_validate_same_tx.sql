-- expect: validate-in-same-transaction
ALTER TABLE sales ADD CONSTRAINT sales_p_fk FOREIGN KEY (p) REFERENCES product (id) NOT VALID;
ALTER TABLE sales VALIDATE CONSTRAINT sales_p_fk;
