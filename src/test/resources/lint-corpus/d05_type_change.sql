-- expect: alter-column-type
ALTER TABLE sales ALTER COLUMN amount TYPE numeric(10, 2);
