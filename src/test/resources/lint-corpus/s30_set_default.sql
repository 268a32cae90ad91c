-- expect: clean
ALTER TABLE sales ALTER COLUMN status SET DEFAULT 'open';
