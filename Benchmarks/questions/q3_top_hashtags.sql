-- The list is a Python repr (['a', 'b']); hashtags hold no quotes, so turning ' into " makes it a
-- JSON array.
SELECT lower(j.value) AS tag, count(*) AS n
FROM tweets, json_each(replace(hashtags, '''', '"')) AS j
WHERE hashtags LIKE '[_%]'
GROUP BY tag ORDER BY n DESC, tag LIMIT 20;
