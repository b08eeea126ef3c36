SELECT hour(CAST(tweet_time AS TIMESTAMP)) AS hour, isodow(CAST(tweet_time AS TIMESTAMP)) AS weekday, count(*) AS n
FROM tweets GROUP BY ALL ORDER BY hour, weekday
