SELECT retweet_userid, count(*) AS n FROM tweets WHERE CAST(is_retweet AS VARCHAR) = 'true' GROUP BY retweet_userid ORDER BY n DESC, retweet_userid LIMIT 20
