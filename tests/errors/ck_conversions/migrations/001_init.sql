CREATE TABLE event (id integer PRIMARY KEY, happened_at bigint, note text);
