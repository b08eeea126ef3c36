SELECT userid, tweetid, tweet_time FROM (SELECT userid, tweetid, tweet_time, row_number() OVER (PARTITION BY userid ORDER BY tweet_time, rowid) AS r FROM tweets) WHERE r = 1 ORDER BY userid;
