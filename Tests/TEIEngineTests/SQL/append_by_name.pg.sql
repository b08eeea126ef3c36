WITH "tweets" AS (
  SELECT "tweetid", "like_count", "row" AS __tei_o1 FROM "tweets"
),
"counted" AS (
  SELECT "tweetid" AS "tweetid", "like_count" AS "like_count", "__tei_o1" FROM "tweets"
),
"step1" AS (
  SELECT "tweetid" AS "tweetid", "like_count" AS "like_count", CAST(NULL AS text) AS "label", "__tei_o1" FROM "counted"
),
"step2" AS (
  SELECT $1 AS "label", "tweetid" AS "tweetid", "__tei_o1" FROM "tweets"
),
"step3" AS (
  SELECT "tweetid" AS "tweetid", CAST(NULL AS bigint) AS "like_count", "label" AS "label", "__tei_o1" FROM "step2"
),
"step4" AS (
  SELECT "tweetid", "like_count", "label", 0 AS __tei_o2, row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_o3 FROM "step1" UNION ALL SELECT "tweetid", "like_count", "label", 1 AS __tei_o2, row_number() OVER (ORDER BY "tweetid" DESC NULLS LAST, "__tei_o1" NULLS LAST) AS __tei_o3 FROM "step3"
)
SELECT "tweetid", "like_count", "label" FROM "step4" ORDER BY "__tei_o2" NULLS LAST, "__tei_o3" NULLS LAST
