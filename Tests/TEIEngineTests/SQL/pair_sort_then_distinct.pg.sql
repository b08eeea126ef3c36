WITH "tweets" AS (
  SELECT "tweetid", "user_screen_name", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "user_screen_name" AS "user_screen_name", "tweetid" AS __tei_o2, "__tei_o1" FROM "tweets"
),
"step2" AS (
  SELECT "user_screen_name", MIN(__tei_rank) AS __tei_o3 FROM (SELECT "user_screen_name", row_number() OVER (ORDER BY "__tei_o2" DESC NULLS LAST, "__tei_o1" NULLS LAST) AS __tei_rank FROM "step1") AS "ranked" GROUP BY "user_screen_name"
)
SELECT "user_screen_name" FROM "step2" ORDER BY "__tei_o3" NULLS LAST
