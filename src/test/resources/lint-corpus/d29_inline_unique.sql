-- expect: unique-without-index
ALTER TABLE sales ADD COLUMN external_id text UNIQUE;
