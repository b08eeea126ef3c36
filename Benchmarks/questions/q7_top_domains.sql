-- The list is a Python repr: items in '…', or in "…" when they hold a '. Rewriting the quotes at the
-- item boundaries ([' ', ' '] and the mixed forms) makes it a JSON array; the host is the text
-- between :// and the next /, lower-cased, without www.
WITH u AS (
  SELECT lower(substr(j.value, instr(j.value, '://') + 3)) AS rest
  FROM tweets, json_each(replace(replace(replace(replace(replace(urls,
         '[''', '["'), ''']', '"]'), ''', ''', '", "'), ''', "', '", "'), '", ''', '", "')) AS j
  WHERE urls LIKE '[_%]' AND instr(j.value, '://') > 0
), h AS (
  SELECT CASE WHEN instr(rest, '/') > 0 THEN substr(rest, 1, instr(rest, '/') - 1) ELSE rest END AS host FROM u
)
SELECT CASE WHEN host LIKE 'www.%' THEN substr(host, 5) ELSE host END AS host, count(*) AS n
FROM h GROUP BY 1 ORDER BY n DESC, host LIMIT 20;
