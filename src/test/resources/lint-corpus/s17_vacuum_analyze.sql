-- expect: clean
VACUUM ANALYZE sales;
