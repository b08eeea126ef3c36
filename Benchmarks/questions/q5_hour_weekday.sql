SELECT CAST(substr(tweet_time, 12, 2) AS INTEGER) AS hour,
       (CAST(strftime('%w', tweet_time) AS INTEGER) + 6) % 7 + 1 AS weekday, count(*) AS n
FROM tweets GROUP BY hour, weekday ORDER BY hour, weekday;
