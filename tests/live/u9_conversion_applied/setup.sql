CREATE TABLE event (id integer PRIMARY KEY, happened_at bigint, note text);
INSERT INTO event VALUES (1, 0, 'epoch'), (2, 86400, 'a day'), (3, 1700000000, 'later'), (4, NULL, 'none');
