-- Checks the existing sales against product_master; takes only a SHARE UPDATE EXCLUSIVE lock,
-- so sales keep being written meanwhile.
ALTER TABLE product_sales VALIDATE CONSTRAINT product_sales_product_name_fkey;
