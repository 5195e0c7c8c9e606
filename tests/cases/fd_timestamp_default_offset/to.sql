CREATE TABLE jobs (
    id integer PRIMARY KEY,
    started timestamp NOT NULL DEFAULT '1970-01-01 00:00:01+00:00',
    stopped timestamp(3) without time zone DEFAULT '2000-01-01 12:00:00-05',
    due timestamptz DEFAULT '1970-01-01 00:00:01+00:00',
    finished timestamp DEFAULT '1999-12-31 23:59:59.5+02'
);
