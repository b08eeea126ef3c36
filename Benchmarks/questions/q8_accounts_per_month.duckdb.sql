SELECT year(CAST(u.account_creation_date AS DATE)) AS year, month(CAST(u.account_creation_date AS DATE)) AS month,
       count(*) AS accounts, sum(c.n) AS tweets
FROM users AS u LEFT JOIN (SELECT userid, count(*) AS n FROM tweets GROUP BY userid) AS c ON CAST(c.userid AS VARCHAR) = CAST(u.userid AS VARCHAR)
GROUP BY ALL ORDER BY 1, 2
