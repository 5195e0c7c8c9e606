CREATE SCHEMA app;
CREATE TABLE app.orders (id integer PRIMARY KEY, total numeric, status text);
CREATE TABLE users (id integer PRIMARY KEY, email text, active boolean, created_at timestamptz);
