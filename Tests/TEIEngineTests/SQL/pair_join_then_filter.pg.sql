WITH "tweets" AS (
  SELECT "tweetid", "userid", "like_count", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "tweetid", "userid", "like_count", "__tei_o1" FROM "tweets" WHERE ("like_count" > CAST(2 AS bigint))
),
"users" AS (
  SELECT "userid", "follower_count", "row" AS __tei_o2 FROM "users"
),
"step2" AS (
  SELECT "userid", "follower_count", "__tei_o2" FROM "users" WHERE ("follower_count" > CAST(10 AS bigint))
),
"step3" AS (
  SELECT l."tweetid" AS "tweetid", r."follower_count" AS "follower_count_users", l."__tei_o1", r."__tei_o2" AS __tei_o3 FROM "step1" AS l JOIN "step2" AS r ON (l."userid" = r."userid")
),
"step4" AS (
  SELECT "tweetid" AS "tweetid", "follower_count_users" AS "follower_count_users", "__tei_o1", "__tei_o3" FROM "step3"
)
SELECT "tweetid", "follower_count_users" FROM "step4" ORDER BY "__tei_o1" NULLS LAST, "__tei_o3" NULLS LAST
