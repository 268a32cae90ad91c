-- expect: clean
ALTER TABLE sales VALIDATE CONSTRAINT sales_p_fk;
