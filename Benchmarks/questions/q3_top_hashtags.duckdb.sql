SELECT lower(tag) AS tag, count(*) AS n
FROM (SELECT unnest(regexp_extract_all(hashtags, '''([^'']*)''', 1)) AS tag FROM tweets)
GROUP BY 1 ORDER BY n DESC, tag LIMIT 20
