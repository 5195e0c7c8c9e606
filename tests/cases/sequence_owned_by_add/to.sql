CREATE SEQUENCE line_no_seq;

CREATE TABLE lines (
    id integer PRIMARY KEY,
    line_no bigint NOT NULL DEFAULT nextval('line_no_seq')
);

ALTER SEQUENCE line_no_seq OWNED BY lines.line_no;
