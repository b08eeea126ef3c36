WITH "tweets" AS (
  SELECT "tweetid", "tweet_time", "hashtags", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid" AS "tweetid", "tweet_time" AS "tweet_time", "hashtags" AS "hashtags", "__tei_o1" FROM "tweets"
),
"statistics" AS (
  SELECT COUNT(*) AS total, COUNT("tweetid") AS nn0, COUNT(DISTINCT "tweetid") AS d0, MIN("tweetid") AS lo0, MAX("tweetid") AS hi0, COUNT("tweet_time") AS nn1, COUNT(DISTINCT "tweet_time") AS d1, MIN("tweet_time") AS lo1, MAX("tweet_time") AS hi1, COUNT("hashtags") AS nn2, COUNT(DISTINCT "hashtags") AS d2 FROM "step1"
),
"step2" AS (
  SELECT $1 AS "column", $2 AS "type", nn0 AS "non_null", total - nn0 AS "nulls", d0 AS "distinct", CAST(lo0 AS text) AS "min", CAST(hi0 AS text) AS "max", 0 AS __tei_o2 FROM "statistics" UNION ALL SELECT $3 AS "column", $4 AS "type", nn1 AS "non_null", total - nn1 AS "nulls", d1 AS "distinct", to_char(to_timestamp(lo1) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "min", to_char(to_timestamp(hi1) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS "max", 1 AS __tei_o2 FROM "statistics" UNION ALL SELECT $5 AS "column", $6 AS "type", nn2 AS "non_null", total - nn2 AS "nulls", d2 AS "distinct", NULL AS "min", NULL AS "max", 2 AS __tei_o2 FROM "statistics"
)
SELECT "column", "type", "non_null", "nulls", "distinct", "min", "max" FROM "step2" ORDER BY "__tei_o2" NULLS LAST
