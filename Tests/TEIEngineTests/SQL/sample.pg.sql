WITH "tweets" AS (
  SELECT "tweetid", "like_count", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid", "like_count", "__tei_o1" FROM (SELECT *, row_number() OVER (ORDER BY __tei_o5 * __tei_o5 % 2147483647 * __tei_o4 % 2147483647) AS __tei_o6 FROM (SELECT *, __tei_o4 * __tei_o4 % 2147483647 AS __tei_o5 FROM (SELECT *, (__tei_o3 * __tei_o3 % 2147483647 * __tei_o2 % 2147483647 * 1427254291 + 297009326) % 2147483647 AS __tei_o4 FROM (SELECT *, __tei_o2 * __tei_o2 % 2147483647 AS __tei_o3 FROM (SELECT "tweetid", "like_count", "__tei_o1", (row_number() OVER (ORDER BY "like_count" DESC NULLS LAST, "__tei_o1" NULLS LAST) % 2147483647 * 1751225710 + 2094325707) % 2147483647 AS __tei_o2 FROM "tweets") AS "keyed") AS "squared") AS "mixed") AS "keys") AS "ranked" WHERE __tei_o6 <= 3
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", "like_count" AS "like_count", "__tei_o1" FROM "step1"
)
SELECT "tweetid", "like_count" FROM "step2" ORDER BY "like_count" DESC NULLS LAST, "__tei_o1" NULLS LAST
