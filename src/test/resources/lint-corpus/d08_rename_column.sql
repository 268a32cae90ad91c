-- expect: rename
ALTER TABLE sales RENAME COLUMN note TO remark;
