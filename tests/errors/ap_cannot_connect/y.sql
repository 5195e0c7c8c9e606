create table y(a int);
