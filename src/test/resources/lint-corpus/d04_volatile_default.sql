-- expect: add-column-volatile-default
ALTER TABLE sales ADD COLUMN token uuid DEFAULT gen_random_uuid();
