WITH "tweets" AS (
  SELECT "tweet_time" FROM "tweets"
),
"step1" AS (
  SELECT ("tweet_time" - ((("tweet_time" % 86400) + 86400) % 86400)) AS "day", COUNT(*) AS "n" FROM "tweets" GROUP BY 1
),
"step2" AS (
  SELECT "day", "n", avg("n") OVER (ORDER BY "day" NULLS LAST RANGE BETWEEN CAST(604799 AS bigint) PRECEDING AND CURRENT ROW) AS "__tei_w1" FROM "step1"
),
"step3" AS (
  SELECT "day" AS "day", "n" AS "n", "__tei_w1" AS "mean_7d" FROM "step2"
),
"step4" AS (
  SELECT "day", "n", "mean_7d", sum("n") OVER (ORDER BY "day" NULLS LAST ROWS UNBOUNDED PRECEDING) AS "__tei_w1" FROM "step3"
),
"step5" AS (
  SELECT "day" AS "day", "n" AS "n", "mean_7d" AS "mean_7d", "__tei_w1" AS "so_far" FROM "step4"
),
"step6" AS (
  SELECT "day", "n", "mean_7d", "so_far", rank() OVER (ORDER BY "day" NULLS LAST) AS "__tei_w1" FROM "step5"
),
"step7" AS (
  SELECT "day" AS "day", "n" AS "n", "mean_7d" AS "mean_7d", "so_far" AS "so_far", "__tei_w1" AS "place" FROM "step6"
)
SELECT "day", "n", "mean_7d", "so_far", "place" FROM "step7" ORDER BY "day" NULLS LAST
