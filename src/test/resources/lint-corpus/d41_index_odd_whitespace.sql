-- expect: index-not-concurrent
CREATE
    INDEX	IF NOT EXISTS   sales_d
  ON
sales(d);
