WITH "tweets" AS (
  SELECT "tweetid", "tweet_language", "__tei_row" AS __tei_o1, "__tei_code_11" AS __tei_o2 FROM <table 1>
),
"a" AS (
  SELECT "tweetid" AS "tweetid", "tweet_language" AS "tweet_language", "__tei_o1", "__tei_o2" FROM "tweets"
),
"step1" AS (
  SELECT "tweet_language" AS "tweet_language", "tweetid" AS "tweetid", "__tei_o1", "__tei_o2" FROM "tweets"
),
"step2" AS (
  SELECT "tweetid", "tweet_language", 0 AS __tei_o3, row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_o4 FROM "a" UNION ALL SELECT "tweetid", "tweet_language", 1 AS __tei_o3, row_number() OVER (ORDER BY "tweetid" DESC, "__tei_o1" NULLS LAST) AS __tei_o4 FROM "step1"
)
SELECT "tweetid", "tweet_language" FROM "step2" ORDER BY "__tei_o3" NULLS LAST, "__tei_o4" NULLS LAST
