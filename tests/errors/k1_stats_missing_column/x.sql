CREATE TABLE users (id integer, city text);
CREATE STATISTICS s ON id, zip FROM users;
