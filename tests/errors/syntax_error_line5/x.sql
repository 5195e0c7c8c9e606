CREATE TABLE users (
    id integer PRIMARY KEY
);

CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id) ON DELETE CASCADE ON DELETE);

CREATE INDEX orders_user_id_idx ON orders (user_id);
