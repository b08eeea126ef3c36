SELECT CAST(tweet_time AS DATE) AS day, count(*) AS n FROM tweets GROUP BY day ORDER BY day
