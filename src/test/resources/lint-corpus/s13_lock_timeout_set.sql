-- expect: clean
SET lock_timeout = '2s';
ALTER TABLE sales ADD COLUMN y integer;
