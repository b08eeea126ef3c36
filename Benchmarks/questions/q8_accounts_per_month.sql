SELECT CAST(substr(u.account_creation_date, 1, 4) AS INTEGER) AS year, CAST(substr(u.account_creation_date, 6, 2) AS INTEGER) AS month,
       count(*) AS accounts, sum(c.n) AS tweets
FROM users AS u LEFT JOIN (SELECT userid, count(*) AS n FROM tweets GROUP BY userid) AS c ON c.userid = u.userid
GROUP BY 1, 2 ORDER BY 1, 2;
