SELECT tweet_language, count(*) AS n FROM tweets WHERE is_retweet = 'false' GROUP BY tweet_language ORDER BY n DESC, tweet_language;
