-- type changes PostgreSQL 15 makes without rewriting the table (and their
-- rollbacks, most of which do rewrite)
CREATE TABLE m (
    id integer PRIMARY KEY,
    code varchar(10),
    label varchar(10),
    note varchar(30),
    amount numeric(8,2),
    at timestamp,
    net cidr,
    body text
);
CREATE INDEX m_code ON m (code);
INSERT INTO m VALUES (1, 'a', 'b', 'c', 1.5, '2024-01-01 10:00', '10.0.0.0/8', 'x'),
                     (2, 'aa', 'bb', 'cc', 2.5, '2024-06-01 10:00', '192.168.0.0/16', 'y');
