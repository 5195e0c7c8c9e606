CREATE EXTENSION pg_trgm VERSION '1.5';

CREATE TABLE words (
    id int PRIMARY KEY,
    word text NOT NULL
);
