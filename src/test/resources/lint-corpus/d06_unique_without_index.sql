-- expect: unique-without-index
ALTER TABLE sales ADD CONSTRAINT sales_code_key UNIQUE (code);
