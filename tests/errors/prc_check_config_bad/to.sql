CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, name text);
