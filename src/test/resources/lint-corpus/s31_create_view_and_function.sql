-- expect: clean
CREATE OR REPLACE VIEW open_sales AS SELECT * FROM sales WHERE status = 'open';
CREATE OR REPLACE FUNCTION sale_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT amount FROM sales WHERE id = $1 $$;
