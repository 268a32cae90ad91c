-- expect: add-column-not-null-without-default
ALTER TABLE sales ADD COLUMN region text NOT NULL;
