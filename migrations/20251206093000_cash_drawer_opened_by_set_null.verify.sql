-- A row means the foreign key is missing or does not SET NULL ('n').
SELECT 'cash_drawers_opened_by_id_fkey' AS wrong_constraint
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint
                  WHERE conname = 'cash_drawers_opened_by_id_fkey' AND confdeltype = 'n');
