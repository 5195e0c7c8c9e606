CREATE TABLE ticket (title text);
