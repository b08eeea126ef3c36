WITH g AS (SELECT userid, unixepoch(tweet_time) - unixepoch(lag(tweet_time) OVER (PARTITION BY userid ORDER BY tweet_time, rowid)) AS gap FROM tweets),
o AS (SELECT userid, gap, row_number() OVER (PARTITION BY userid ORDER BY gap) AS i, count(*) OVER (PARTITION BY userid) AS n FROM g WHERE gap IS NOT NULL)
SELECT userid, avg(gap) AS typical_gap FROM o WHERE i IN ((n + 1) / 2, (n + 2) / 2) GROUP BY userid ORDER BY userid;
