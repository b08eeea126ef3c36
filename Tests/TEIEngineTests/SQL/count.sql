WITH "tweets" AS (
  SELECT "tweetid", "__tei_row" AS __tei_o1 FROM <table 1>
),
"step1" AS (
  SELECT COUNT(*) AS "n" FROM "tweets"
)
SELECT "n" FROM "step1"
