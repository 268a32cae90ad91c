-- expect: table-rewrite
ALTER TABLE sales SET TABLESPACE fast_disk;
