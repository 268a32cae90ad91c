-- expect: clean
ALTER TABLE sales ADD COLUMN seen_at timestamptz DEFAULT now();
