WITH "tweets" AS NOT MATERIALIZED (
  SELECT "tweetid", "userid", "__tei_row" AS __tei_o1, "__tei_code_1" AS __tei_o2 FROM <table 1>
),
"step1" AS (
  SELECT l."tweetid" AS "tweetid", r."tweetid" AS "tweetid_tweets", l."__tei_o1", r."__tei_o1" AS __tei_o3 FROM "tweets" AS l JOIN "tweets" AS r ON (l."__tei_o2" = r."__tei_o2")
),
"step2" AS (
  SELECT "tweetid" AS "tweetid", "tweetid_tweets" AS "tweetid_tweets", "__tei_o1", "__tei_o3" FROM "step1"
)
SELECT "tweetid", "tweetid_tweets" FROM "step2" ORDER BY "__tei_o1" NULLS LAST, "__tei_o3" NULLS LAST
