CREATE TABLE articles (
    id integer PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    summary text
);
