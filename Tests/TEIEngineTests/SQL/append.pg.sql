WITH "tweets" AS (
  SELECT "tweetid", "tweet_language", "row" AS __tei_o1 FROM "tweets"
),
"a" AS (
  SELECT "tweetid" AS "tweetid", "tweet_language" AS "tweet_language", "__tei_o1" FROM "tweets"
),
"step1" AS (
  SELECT "tweet_language" AS "tweet_language", "tweetid" AS "tweetid", "__tei_o1" FROM "tweets"
),
"step2" AS (
  SELECT "tweetid", "tweet_language", 0 AS __tei_o2, row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_o3 FROM "a" UNION ALL SELECT "tweetid", "tweet_language", 1 AS __tei_o2, row_number() OVER (ORDER BY "tweetid" DESC NULLS LAST, "__tei_o1" NULLS LAST) AS __tei_o3 FROM "step1"
)
SELECT "tweetid", "tweet_language" FROM "step2" ORDER BY "__tei_o2" NULLS LAST, "__tei_o3" NULLS LAST
