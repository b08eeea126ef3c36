SELECT retweet_userid, count(*) AS n FROM tweets WHERE is_retweet = 'true' GROUP BY retweet_userid ORDER BY n DESC, retweet_userid LIMIT 20;
