WITH "tweets" AS (
  SELECT "userid", "is_retweet", "retweet_userid", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "userid", "is_retweet", "retweet_userid", "__tei_o1" FROM "tweets" WHERE ("is_retweet" = true)
),
"step2" AS (
  SELECT "userid" AS "userid", "retweet_userid" AS "retweet_userid", "__tei_o1" FROM "step1"
),
"step3" AS (
  WITH RECURSIVE __tei_o2(x, y) AS (SELECT "userid", "retweet_userid" FROM "step2" WHERE "userid" IS NOT NULL AND "retweet_userid" IS NOT NULL UNION SELECT "retweet_userid", "userid" FROM "step2" WHERE "userid" IS NOT NULL AND "retweet_userid" IS NOT NULL), __tei_o3(x, s) AS (SELECT x, CASE WHEN MIN(y) < x THEN MIN(y) ELSE x END FROM __tei_o2 GROUP BY x), __tei_o4(x, y, s) AS (SELECT __tei_o2.x, __tei_o2.y, __tei_o3.s FROM __tei_o2 JOIN __tei_o3 ON __tei_o3.x = __tei_o2.y), __tei_o5(x, label) AS (SELECT x, s FROM __tei_o3 UNION SELECT __tei_o4.y, __tei_o5.label FROM __tei_o5 JOIN __tei_o4 ON __tei_o4.x = __tei_o5.x WHERE __tei_o5.label < __tei_o4.s), __tei_o6(x, c) AS (SELECT x, MIN(label) FROM __tei_o5 GROUP BY x) SELECT x AS "account", c AS "component", COUNT(*) OVER (PARTITION BY c) AS "size" FROM __tei_o6
),
"step4" AS (
  SELECT "account", "component", "size" FROM "step3" WHERE ("size" > CAST(1 AS bigint))
)
SELECT "account", "component", "size" FROM "step4" ORDER BY "size" DESC NULLS LAST, "component" NULLS LAST, "account" NULLS LAST
