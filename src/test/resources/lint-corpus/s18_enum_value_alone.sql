-- expect: clean
ALTER TYPE sale_status ADD VALUE IF NOT EXISTS 'archived';
