CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    tenant integer NOT NULL
);
INSERT INTO users SELECT g, 'u' || g || '@example.com', g % 3 FROM generate_series(1, 300) g;
CREATE UNIQUE INDEX users_email ON users (email);
