WITH "tweets" AS (
  SELECT "userid", "like_count", "__tei_row" AS __tei_o1, "__tei_code_1" AS __tei_o2 FROM <table 1>
),
"step1" AS (
  SELECT (SELECT d."value" FROM <table 1 userid dictionary> AS d WHERE d."id" = "__tei_o2") AS "userid", COUNT(*) AS "n", SUM("like_count") AS "likes" FROM "tweets" GROUP BY "__tei_o2"
)
SELECT "userid", "n", "likes" FROM "step1" ORDER BY "userid" NULLS LAST
