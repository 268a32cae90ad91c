-- expect: destructive
CREATE TABLE IF NOT EXISTS scratch (id bigint);
DROP TABLE scratch, sales;
