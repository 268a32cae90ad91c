-- expect: rename
ALTER TYPE sale_status RENAME VALUE 'done' TO 'completed';
