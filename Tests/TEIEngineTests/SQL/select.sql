WITH "tweets" AS (
  SELECT "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices", "source_file", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid" AS "tweetid", "user_screen_name" AS "who", length("tweet_text") AS "chars", "__tei_o1" FROM "tweets"
)
SELECT "tweetid", "who", "chars" FROM "step1" ORDER BY "__tei_o1" NULLS LAST
