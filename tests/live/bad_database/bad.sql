CREATE TABLE x (a int,, b int);
