WITH "tweets" AS (
  SELECT "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices", "source_file", "userid_code", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT (SELECT d."value" FROM "tweets_userid_values" AS d WHERE d."id" = "userid_code") AS "userid", COUNT(*) AS "n", SUM("like_count") AS "likes" FROM "tweets" GROUP BY "userid_code"
)
SELECT "userid", "n", "likes" FROM "step1" ORDER BY "userid" NULLS LAST
