SELECT userid, count(*) AS n FROM tweets GROUP BY userid ORDER BY n DESC, userid LIMIT 20
