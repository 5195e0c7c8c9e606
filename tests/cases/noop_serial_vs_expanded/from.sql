CREATE TABLE tickets (
    id serial PRIMARY KEY,
    seq bigserial,
    subject text
);
