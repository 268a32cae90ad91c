-- expect: clean
ALTER TABLE sales ADD COLUMN note text;
