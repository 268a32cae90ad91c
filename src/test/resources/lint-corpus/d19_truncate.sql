TRUNCATE sales;
