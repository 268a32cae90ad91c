-- expect: clean
CREATE TABLE IF NOT EXISTS refunds (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount numeric);
CREATE INDEX IF NOT EXISTS refunds_amount ON refunds (amount);
