-- expect: destructive
ALTER TABLE sales DROP COLUMN note;
