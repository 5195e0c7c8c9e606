CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);

-- rows next to the DDL (pg_dump --inserts, seed data) are data, not schema
INSERT INTO countries (code, name) VALUES ('DE', 'Germany'), ('FR', 'France');

COPY countries (code, name) FROM stdin;
IT	Italy
\.

SELECT pg_catalog.setval('some_seq', 1, false);
