-- expect: dml-without-where
DELETE FROM sales;
