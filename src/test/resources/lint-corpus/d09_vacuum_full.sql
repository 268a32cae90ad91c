-- expect: blocking-maintenance
VACUUM FULL sales;
