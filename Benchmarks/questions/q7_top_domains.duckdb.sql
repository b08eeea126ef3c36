SELECT regexp_replace(lower(regexp_extract(url, '://([^/?#]+)', 1)), '^www\.', '') AS host, count(*) AS n
FROM (SELECT unnest(regexp_extract_all(urls, '''([^'']*)''|"([^"]*)"', 0)) AS url FROM tweets)
GROUP BY 1 ORDER BY n DESC, host LIMIT 20
