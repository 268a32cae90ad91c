-- expect: add-column-volatile-default
ALTER TABLE sales ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
