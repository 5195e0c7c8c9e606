CREATE TABLE users (id integer, city text);
CREATE STATISTICS s ON id, city FROM user_list;
