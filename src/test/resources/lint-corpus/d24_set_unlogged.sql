-- expect: table-rewrite
ALTER TABLE sales SET UNLOGGED;
