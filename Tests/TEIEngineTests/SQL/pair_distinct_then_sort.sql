WITH "tweets" AS (
  SELECT "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions", "poll_choices", "source_file", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "user_screen_name" AS "user_screen_name", "__tei_o1" FROM "tweets"
),
"step2" AS (
  SELECT "user_screen_name", MIN(__tei_rank) AS __tei_o2 FROM (SELECT "user_screen_name", row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_rank FROM "step1") GROUP BY "user_screen_name"
)
SELECT "user_screen_name" FROM "step2" ORDER BY "user_screen_name" DESC, "__tei_o2" NULLS LAST
