WITH "tweets" AS (
  SELECT "tweet_language", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweet_language" AS "tweet_language", "__tei_o1" FROM "tweets"
),
"step2" AS (
  SELECT "tweet_language", MIN(__tei_rank) AS __tei_o2 FROM (SELECT "tweet_language", row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_rank FROM "step1") AS "ranked" GROUP BY "tweet_language"
)
SELECT "tweet_language" FROM "step2" ORDER BY "__tei_o2" NULLS LAST
