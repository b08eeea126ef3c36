WITH "tweets" AS (
  SELECT "tweetid", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT COUNT(*) AS "n" FROM "tweets"
)
SELECT "n" FROM "step1"
