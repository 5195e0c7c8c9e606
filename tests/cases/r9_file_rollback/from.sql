CREATE TABLE keep (a int);
