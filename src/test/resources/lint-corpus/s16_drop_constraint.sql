-- expect: clean
ALTER TABLE sales DROP CONSTRAINT IF EXISTS sales_p_fk;
