WITH "tweets" AS (
  SELECT "user_screen_name", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "user_screen_name" AS "user_screen_name", "__tei_o1" FROM "tweets"
),
"step2" AS (
  SELECT "user_screen_name", MIN(__tei_rank) AS __tei_o2 FROM (SELECT "user_screen_name", row_number() OVER (ORDER BY "__tei_o1" NULLS LAST) AS __tei_rank FROM "step1") AS "ranked" GROUP BY "user_screen_name"
)
SELECT "user_screen_name" FROM "step2" ORDER BY "user_screen_name" DESC NULLS LAST, "__tei_o2" NULLS LAST
