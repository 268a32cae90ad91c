-- expect: dml-without-where
UPDATE sales SET note = '';
