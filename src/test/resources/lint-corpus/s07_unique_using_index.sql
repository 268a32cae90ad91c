-- expect: clean
ALTER TABLE sales ADD CONSTRAINT sales_code_key UNIQUE USING INDEX sales_code_idx;
