-- expect: unrecognised-statement
ALTER TABLE sales ATTACH PARTITION sales_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
