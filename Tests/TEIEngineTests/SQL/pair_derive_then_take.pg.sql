WITH "tweets" AS (
  SELECT "tweetid", "tweet_text", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid", "tweet_text", "__tei_o1" FROM "tweets" ORDER BY "__tei_o1" NULLS LAST LIMIT 3
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", length("tweet_text") AS "chars", "__tei_o1" FROM "step1"
),
"step3" AS (
  SELECT "tweetid" AS "tweetid", "chars" AS "chars", "__tei_o1" FROM "step2"
)
SELECT "tweetid", "chars" FROM "step3" ORDER BY "__tei_o1" NULLS LAST
