WITH "tweets" AS (
  SELECT "tweetid", "user_screen_name", "tweet_text", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid" AS "tweetid", "user_screen_name" AS "who", length("tweet_text") AS "chars", "__tei_o1" FROM "tweets"
)
SELECT "tweetid", "who", "chars" FROM "step1" ORDER BY "__tei_o1" NULLS LAST
