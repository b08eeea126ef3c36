SELECT userid, tweetid, tweet_time FROM tweets QUALIFY row_number() OVER (PARTITION BY userid ORDER BY tweet_time) = 1 ORDER BY userid
