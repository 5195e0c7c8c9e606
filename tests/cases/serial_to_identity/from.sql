CREATE TABLE tickets (
    id serial PRIMARY KEY,
    subject text
);
