-- expect: no-lock-timeout
SET lock_timeout = 0;
ALTER TABLE sales ADD COLUMN x integer;
