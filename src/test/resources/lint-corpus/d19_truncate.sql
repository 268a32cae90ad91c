-- expect: destructive
TRUNCATE sales;
