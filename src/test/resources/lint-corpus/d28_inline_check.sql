-- expect: constraint-not-valid
ALTER TABLE sales ADD COLUMN discount numeric DEFAULT 0 CHECK (discount >= 0);
