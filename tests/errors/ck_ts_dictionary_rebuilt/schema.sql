CREATE TEXT SEARCH DICTIONARY d1 (TEMPLATE = snowball, language = 'english');
CREATE TEXT SEARCH CONFIGURATION c1 (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION c1 ADD MAPPING FOR asciiword WITH d1;
CREATE TEXT SEARCH PARSER p2 (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH CONFIGURATION c2 (PARSER = p2);
ALTER TEXT SEARCH CONFIGURATION c2 ADD MAPPING FOR word WITH simple;
CREATE TABLE t (id integer PRIMARY KEY, body text);
CREATE INDEX t_c1 ON t USING gin (to_tsvector('c1', body));
CREATE INDEX t_c2 ON t USING gin (to_tsvector('public.c2', body));
