-- expect: set-not-null
ALTER TABLE sales ALTER COLUMN note SET NOT NULL;
