CREATE TABLE authors (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE books (
    id bigint PRIMARY KEY,
    title text NOT NULL,
    published_on date,
    pages integer
);
