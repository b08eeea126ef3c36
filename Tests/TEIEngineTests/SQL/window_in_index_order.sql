WITH "tweets" AS (
  SELECT "tweet_time", "userid_code", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT w."value" AS "tweet_time", w."key" AS "userid_code", w."previous" AS "__tei_w1", w."row" AS __tei_o2 FROM tei_index_order_window(?1, ?2, ?3, ?4, ?5) AS w
),
"step2" AS (
  SELECT tei_subtract("tweet_time", "__tei_w1") AS "gap", "userid_code" AS "userid_code" FROM "step1"
),
"step3" AS (
  SELECT "gap", "userid_code" FROM "step2" WHERE ("gap" IS NOT NULL)
),
"step4" AS (
  SELECT (SELECT d."value" FROM "tweets_userid_values" AS d WHERE d."id" = "userid_code") AS "userid", median("gap") AS "typical_gap" FROM "step3" GROUP BY "userid_code"
)
SELECT "userid", "typical_gap" FROM "step4" ORDER BY "userid" NULLS LAST
