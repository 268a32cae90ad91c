-- expect: destructive
CREATE TABLE IF NOT EXISTS scratch (id bigint);
TRUNCATE scratch, sales;
