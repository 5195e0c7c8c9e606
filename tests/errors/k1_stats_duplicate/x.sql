CREATE TABLE users (id integer, city text);
CREATE STATISTICS s ON id, city FROM users;
CREATE STATISTICS IF NOT EXISTS s ON city, id FROM users;
CREATE STATISTICS s ON id, city FROM users;
