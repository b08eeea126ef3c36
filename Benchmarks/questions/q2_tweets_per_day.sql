SELECT substr(tweet_time, 1, 10) AS day, count(*) AS n FROM tweets GROUP BY day ORDER BY day;
