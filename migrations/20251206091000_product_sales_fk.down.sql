ALTER TABLE product_sales DROP CONSTRAINT IF EXISTS product_sales_product_name_fkey;
ALTER TABLE product_master DROP CONSTRAINT IF EXISTS product_master_name_key;
