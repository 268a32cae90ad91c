-- expect: rename
ALTER SCHEMA billing RENAME TO invoicing;
