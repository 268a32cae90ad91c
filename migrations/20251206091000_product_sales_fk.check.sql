-- Sales whose product is not in product_master: the foreign key would reject them.
SELECT s.product_name, count(*) AS orphaned_sales
FROM product_sales s
LEFT JOIN product_master p ON p.name = s.product_name
WHERE p.name IS NULL
GROUP BY s.product_name;

-- Product names used twice: the UNIQUE constraint would fail.
SELECT name, count(*) AS duplicates
FROM product_master
GROUP BY name
HAVING count(*) > 1;
