-- expect: clean
CREATE TABLE IF NOT EXISTS sales_import (id bigint);
ALTER TABLE sales_import ADD COLUMN note text NOT NULL;
DROP TABLE sales_import;
