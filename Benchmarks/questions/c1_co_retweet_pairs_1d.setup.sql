-- The table a hand-written co-retweet query reads, as the Coordination Network Toolkit shapes its own:
-- the retweets alone, their time as epoch seconds, indexed on (retweeted tweet, time) so that each
-- retweet finds the other retweets of its tweet within the window by a range seek. The index also
-- holds the account, so the join never reads the table. Run with the `.import`ed tweets attached as `raw`.
CREATE TABLE retweets (userid TEXT NOT NULL, retweet_tweetid TEXT NOT NULL, tweet_time INTEGER NOT NULL);
INSERT INTO retweets
SELECT userid, retweet_tweetid, CAST(strftime('%s', tweet_time) AS INTEGER) FROM raw.tweets WHERE is_retweet = 'true';
CREATE INDEX retweets_by_tweet ON retweets (retweet_tweetid, tweet_time, userid);
ANALYZE;
