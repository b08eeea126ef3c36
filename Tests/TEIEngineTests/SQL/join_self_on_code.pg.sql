WITH "tweets" AS NOT MATERIALIZED (
  SELECT "tweetid", "userid_code", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT l."tweetid" AS "tweetid", r."tweetid" AS "tweetid_tweets", l."__tei_o1", r."__tei_o1" AS __tei_o2 FROM "tweets" AS l JOIN "tweets" AS r ON (l."userid_code" = r."userid_code")
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", "tweetid_tweets" AS "tweetid_tweets", "__tei_o1", "__tei_o2" FROM "step1"
)
SELECT "tweetid", "tweetid_tweets" FROM "step2" ORDER BY "__tei_o1" NULLS LAST, "__tei_o2" NULLS LAST
