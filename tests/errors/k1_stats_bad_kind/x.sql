CREATE TABLE users (id integer, city text);
CREATE STATISTICS s (histogram) ON id, city FROM users;
