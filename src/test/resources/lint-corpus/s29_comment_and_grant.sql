-- expect: clean
COMMENT ON TABLE sales IS 'one row per sale';
GRANT SELECT ON sales TO reporting;
