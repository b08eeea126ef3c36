WITH "tweets" AS NOT MATERIALIZED (
  SELECT "userid", "tweet_time", "is_retweet", "retweet_tweetid", "userid_code", "row" AS __tei_o1 FROM "tweets"
),
"step1" AS (
  SELECT "userid", "tweet_time", "is_retweet", "retweet_tweetid", "userid_code", "__tei_o1" FROM "tweets" WHERE ("is_retweet" = true)
),
"step2" AS (
  SELECT "userid" AS "account", "retweet_tweetid" AS "retweet_tweetid", "tweet_time" AS "tweet_time", "userid_code" AS "userid_code" FROM "step1"
),
"step3" AS NOT MATERIALIZED (
  SELECT "userid", "tweet_time", "is_retweet", "retweet_tweetid", "userid_code", "__tei_o1" FROM "tweets" WHERE ("is_retweet" = true)
),
"step4" AS NOT MATERIALIZED (
  SELECT "userid" AS "partner", "retweet_tweetid" AS "rt", "tweet_time" AS "at", "userid_code" AS "userid_code" FROM "step3"
),
"step5" AS (
  SELECT l."retweet_tweetid" AS "retweet_tweetid", l."tweet_time" AS "tweet_time", l."userid_code" AS "userid_code_l", r."userid_code" AS "userid_code_r" FROM "step2" AS l JOIN "step4" AS r ON ((((l."retweet_tweetid" = r."rt") AND ((l."userid_code" <> r."userid_code") AND (l."account" < r."partner"))) AND (r."at" >= (CAST(l."tweet_time" AS numeric) - CAST(86400 AS bigint)))) AND (r."at" <= (CAST(l."tweet_time" AS numeric) + CAST(86400 AS bigint))))
),
"step6" AS (
  SELECT (SELECT d."value" FROM "tweets_userid_values" AS d WHERE d."id" = "userid_code_l") AS "account_a", (SELECT d."value" FROM "tweets_userid_values" AS d WHERE d."id" = "userid_code_r") AS "account_b", COUNT(DISTINCT "retweet_tweetid") AS "shared", MIN("tweet_time") AS "first" FROM "step5" GROUP BY "userid_code_l", "userid_code_r"
)
SELECT "account_a", "account_b", "shared", "first" FROM "step6" ORDER BY "shared" DESC NULLS LAST, "account_a" NULLS LAST, "account_b" NULLS LAST, "account_a" NULLS LAST, "account_b" NULLS LAST
