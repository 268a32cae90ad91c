-- expect: clean
ALTER TABLE sales ADD COLUMN channel text NOT NULL DEFAULT 'web';
