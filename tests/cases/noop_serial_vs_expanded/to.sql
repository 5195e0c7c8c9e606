CREATE SEQUENCE tickets_id_seq AS integer;
CREATE SEQUENCE tickets_seq_seq;

CREATE TABLE tickets (
    id integer NOT NULL DEFAULT nextval('tickets_id_seq'::regclass) PRIMARY KEY,
    seq bigint NOT NULL DEFAULT nextval('tickets_seq_seq'::regclass),
    subject text
);

ALTER SEQUENCE tickets_id_seq OWNED BY tickets.id;
ALTER SEQUENCE tickets_seq_seq OWNED BY tickets.seq;
