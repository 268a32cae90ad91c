-- expect: destructive
DROP DATABASE reporting;
