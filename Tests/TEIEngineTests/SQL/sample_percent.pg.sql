WITH "tweets" AS (
  SELECT "tweetid", "is_retweet", "like_count", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid", "is_retweet", "like_count", "__tei_o1" FROM "tweets" WHERE ("is_retweet" = false)
),
"step2" AS (
  SELECT "tweetid", "is_retweet", "like_count", "__tei_o1" FROM (SELECT *, row_number() OVER (ORDER BY __tei_o5 * __tei_o5 % 2147483647 * __tei_o4 % 2147483647) AS __tei_o6, COUNT(*) OVER () AS __tei_o7 FROM (SELECT *, __tei_o4 * __tei_o4 % 2147483647 AS __tei_o5 FROM (SELECT *, (__tei_o3 * __tei_o3 % 2147483647 * __tei_o2 % 2147483647 * 454736306 + 1667494720) % 2147483647 AS __tei_o4 FROM (SELECT *, __tei_o2 * __tei_o2 % 2147483647 AS __tei_o3 FROM (SELECT "tweetid", "is_retweet", "like_count", "__tei_o1", (row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) % 2147483647 * 60845732 + 2125112010) % 2147483647 AS __tei_o2 FROM "step1") AS "keyed") AS "squared") AS "mixed") AS "keys") AS "ranked" WHERE __tei_o6 * 1000000 <= __tei_o7 * 250000 + 500000
),
"step3" AS (
  SELECT "tweetid", "is_retweet", "like_count", "__tei_o1" FROM "step2" WHERE ("like_count" > CAST(5 AS bigint))
),
"step4" AS (
  SELECT "tweetid" AS "tweetid", "__tei_o1" FROM "step3"
)
SELECT "tweetid" FROM "step4" ORDER BY "__tei_o1" NULLS LAST
