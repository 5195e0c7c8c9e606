CREATE TABLE articles (
    id integer PRIMARY KEY,
    slug varchar(80) NOT NULL UNIQUE,
    summary varchar
);
