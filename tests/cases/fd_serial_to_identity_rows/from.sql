CREATE TABLE tickets (
    id serial PRIMARY KEY,
    subject text
);
INSERT INTO tickets (subject) VALUES ('a'), ('b'), ('c'), ('d'), ('e');
