CREATE TABLE countries (
    code char(2) PRIMARY KEY,
    name text NOT NULL
);
