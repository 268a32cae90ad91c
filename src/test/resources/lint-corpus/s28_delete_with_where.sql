-- expect: clean
DELETE FROM sales WHERE created_at < now() - interval '7 years';
