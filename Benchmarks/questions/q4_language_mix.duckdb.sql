SELECT tweet_language, count(*) AS n FROM tweets WHERE CAST(is_retweet AS VARCHAR) = 'false' GROUP BY tweet_language ORDER BY n DESC, tweet_language
