-- expect: clean
UPDATE sales SET note = 'migrated' WHERE id < 100;
