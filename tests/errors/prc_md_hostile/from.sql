CREATE TABLE "a|b`c<d>@e" (id int PRIMARY KEY, "_x_" text);
