-- expect: clean
CREATE TABLE IF NOT EXISTS refunds (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sale_id bigint REFERENCES sales (id));
