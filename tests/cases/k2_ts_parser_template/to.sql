CREATE TEXT SEARCH PARSER my_prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end,
    LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE my_tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH PARSER my_prs IS 'the default parser again';
COMMENT ON TEXT SEARCH TEMPLATE my_tmpl IS 'simple again';
CREATE TEXT SEARCH DICTIONARY my_dict (TEMPLATE = my_tmpl, stopwords = 'english');
CREATE TEXT SEARCH CONFIGURATION notes_cfg (PARSER = my_prs);
ALTER TEXT SEARCH CONFIGURATION notes_cfg ADD MAPPING FOR asciiword, word WITH my_dict;
ALTER TEXT SEARCH CONFIGURATION notes_cfg ADD MAPPING FOR int, uint WITH simple;
CREATE TABLE notes (id integer PRIMARY KEY, body text);
CREATE INDEX notes_fts ON notes USING gin (to_tsvector('notes_cfg', body));
