-- expect: clean
CREATE TABLE IF NOT EXISTS events (at timestamptz NOT NULL) PARTITION BY RANGE (at);
