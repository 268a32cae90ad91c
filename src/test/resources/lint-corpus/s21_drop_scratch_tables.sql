-- expect: clean
CREATE TABLE IF NOT EXISTS scratch_a (id bigint);
CREATE TABLE IF NOT EXISTS scratch_b (id bigint);
DROP TABLE scratch_a, scratch_b;
