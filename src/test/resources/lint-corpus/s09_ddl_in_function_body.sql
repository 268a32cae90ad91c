-- expect: clean
CREATE OR REPLACE FUNCTION purge_sales() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE sales;
END
$$;
