WITH "tweets" AS (
  SELECT "userid", "tweet_time", "like_count", "userid_code", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "userid", "tweet_time", "like_count", "userid_code", "__tei_o1", lag("tweet_time") OVER (PARTITION BY "userid_code" ORDER BY "tweet_time" NULLS LAST, "__tei_o1" NULLS LAST) AS "__tei_w1" FROM "tweets"
),
"step2" AS (
  SELECT "userid" AS "userid", "tweet_time" AS "tweet_time", "like_count" AS "like_count", ("tweet_time" - "__tei_w1") AS "gap", "userid_code" AS "userid_code", "__tei_o1" FROM "step1"
),
"step3" AS (
  SELECT "userid", "tweet_time", "like_count", "gap", "userid_code", "__tei_o1", row_number() OVER (PARTITION BY "userid_code" ORDER BY "tweet_time" NULLS LAST, "__tei_o1" NULLS LAST) AS "__tei_w1" FROM "step2"
),
"step4" AS (
  SELECT "userid", "tweet_time", "like_count", "gap", "userid_code", "__tei_w1", "__tei_o1" FROM "step3" WHERE (("__tei_w1" <= CAST(2 AS bigint)) AND ("gap" IS NOT NULL))
),
"step5" AS (
  SELECT "userid" AS "userid", "like_count" AS "like_count", "gap" AS "gap", "tweet_time" AS __tei_o2, "__tei_o1" FROM "step4"
),
"step6" AS (
  SELECT "userid", "like_count", "gap", "__tei_o2", "__tei_o1", sum("like_count") OVER () AS "__tei_w1" FROM "step5"
),
"step7" AS (
  SELECT "userid" AS "userid", "gap" AS "gap", (CAST("like_count" AS double precision) / NULLIF("__tei_w1", 0)) AS "share", "__tei_o2", "__tei_o1" FROM "step6"
),
"step8" AS (
  SELECT "userid" AS "userid", "gap" AS "gap", "share" AS "share", "__tei_o2", "__tei_o1" FROM "step7"
)
SELECT "userid", "gap", "share" FROM "step8" ORDER BY "userid" NULLS LAST, "__tei_o2" NULLS LAST, "__tei_o1" NULLS LAST
