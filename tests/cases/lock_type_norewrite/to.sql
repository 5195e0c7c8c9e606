CREATE TABLE m (
    id integer PRIMARY KEY,
    code varchar(20),
    label varchar,
    note text,
    amount numeric(12,2),
    at timestamptz,
    net inet,
    body varchar
);
CREATE INDEX m_code ON m (code);
