-- expect: clean
SELECT 'DROP TABLE sales';
-- DROP TABLE sales;
/* TRUNCATE sales; */
SELECT 1;
