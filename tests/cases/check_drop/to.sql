CREATE TABLE reviews (
    id integer PRIMARY KEY,
    rating smallint,
    body text,
    title varchar(100),
    CONSTRAINT reviews_has_content CHECK (body IS NOT NULL OR title IS NOT NULL)
);
