WITH "tweets" AS (
  SELECT "like_count", "userid_code" FROM "tweets"
),
"step1" AS (
  SELECT (SELECT d."value" FROM "tweets_userid_values" AS d WHERE d."id" = "userid_code") AS "userid", COUNT(*) AS "n", CAST(SUM("like_count") AS bigint) AS "likes" FROM "tweets" GROUP BY "userid_code"
)
SELECT "userid", "n", "likes" FROM "step1" ORDER BY "userid" NULLS LAST
