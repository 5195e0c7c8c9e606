create table words (w text);
