-- expect: destructive
DROP TABLE sales;
