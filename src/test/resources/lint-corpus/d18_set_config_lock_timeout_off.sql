-- expect: no-lock-timeout
SELECT set_config('lock_timeout', '0', true);
ALTER TABLE sales DROP CONSTRAINT sales_p_fk;
