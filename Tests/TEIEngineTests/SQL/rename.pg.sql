WITH "tweets" AS (
  SELECT "tweetid", "user_screen_name", "tweet_time", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid", "user_screen_name", "tweet_time", "__tei_o1" FROM "tweets" WHERE ("user_screen_name" <> $1)
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", "user_screen_name" AS "who", "tweet_time" AS "posted", "__tei_o1" FROM "step1"
),
"step3" AS (
  SELECT "tweetid" AS "tweetid", "who" AS "who", "posted" AS "posted", "__tei_o1" FROM "step2"
)
SELECT "tweetid", "who", "posted" FROM "step3" ORDER BY "__tei_o1" NULLS LAST
