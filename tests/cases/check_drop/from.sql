CREATE TABLE reviews (
    id integer PRIMARY KEY,
    rating smallint CHECK (rating BETWEEN 1 AND 5),
    body text,
    title varchar(100),
    CONSTRAINT reviews_has_content CHECK (body IS NOT NULL OR title IS NOT NULL),
    CONSTRAINT reviews_title_length CHECK (char_length(title) <= 80)
);
