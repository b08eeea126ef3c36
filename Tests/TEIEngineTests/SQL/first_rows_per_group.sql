WITH "t" AS (
  SELECT "tweetid", "userid", "tweet_time", "row" FROM "tweets"
),
"step1" AS (
  SELECT "__tei_o3"."tweetid", "__tei_o3"."userid", "__tei_o3"."tweet_time", "__tei_o3"."row" FROM (SELECT (SELECT "tweetid" FROM "tweets" WHERE "userid_code" IS "__tei_o1"."__tei_o2" ORDER BY ("tweet_time" IS NULL), "tweet_time", "row" LIMIT 1) AS "tweetid", (SELECT "userid" FROM "tweets" WHERE "userid_code" IS "__tei_o1"."__tei_o2" ORDER BY ("tweet_time" IS NULL), "tweet_time", "row" LIMIT 1) AS "userid", (SELECT "tweet_time" FROM "tweets" WHERE "userid_code" IS "__tei_o1"."__tei_o2" ORDER BY ("tweet_time" IS NULL), "tweet_time", "row" LIMIT 1) AS "tweet_time", (SELECT "row" FROM "tweets" WHERE "userid_code" IS "__tei_o1"."__tei_o2" ORDER BY ("tweet_time" IS NULL), "tweet_time", "row" LIMIT 1) AS "row" FROM (SELECT "id" AS "__tei_o2" FROM "tweets_userid_values" UNION ALL SELECT NULL) AS "__tei_o1") AS "__tei_o3" WHERE "__tei_o3"."row" IS NOT NULL
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", "userid" AS "userid", "tweet_time" AS "tweet_time", "row" AS __tei_o4 FROM "step1"
),
"step3" AS (
  SELECT "tweetid" AS "tweetid", "userid" AS "userid", "tweet_time" AS "tweet_time", "__tei_o4" FROM "step2"
),
"step4" AS (
  SELECT "userid" AS "userid", "tweetid" AS "tweetid", "tweet_time" AS "tweet_time", "__tei_o4" FROM "step3"
)
SELECT "userid", "tweetid", "tweet_time" FROM "step4" ORDER BY "userid" NULLS LAST, "tweet_time" NULLS LAST, "__tei_o4" NULLS LAST
