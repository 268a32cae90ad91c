-- expect: clean
CREATE TYPE refund_reason AS ENUM ('damaged', 'late');
ALTER TYPE refund_reason ADD VALUE IF NOT EXISTS 'other';
