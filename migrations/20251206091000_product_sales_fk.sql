-- Sales name their product; make that a real foreign key so the sales page can JOIN product_master.
-- NOT VALID: new rows are checked at once, existing rows are validated by the next migration
-- without blocking writes.
-- migrateops:allow unique-without-index product_master is a small lookup table (about 50 rows)
ALTER TABLE product_master ADD CONSTRAINT product_master_name_key UNIQUE (name);

ALTER TABLE product_sales ADD CONSTRAINT product_sales_product_name_fkey
    FOREIGN KEY (product_name) REFERENCES product_master (name) NOT VALID;
