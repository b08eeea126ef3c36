WITH "tweets" AS (
  SELECT "tweetid" FROM "tweets"
),
"step1" AS (
  SELECT COUNT(*) AS "n" FROM "tweets"
)
SELECT "n" FROM "step1"
