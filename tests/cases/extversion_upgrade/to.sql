-- ALTER EXTENSION pg_trgm UPDATE TO '1.6'
CREATE EXTENSION pg_trgm VERSION '1.6';

CREATE TABLE words (
    id int PRIMARY KEY,
    word text NOT NULL
);
