-- the pre-8.1 spelling old schemas still carry: a text cast to regclass at
-- run time (PostgreSQL records no dependency on the sequence for it)
CREATE SEQUENCE ticket_seq;
CREATE TABLE ticket (
    id integer DEFAULT nextval(('ticket_seq'::text)::regclass) NOT NULL,
    title text
);
CREATE SCHEMA app;
CREATE SEQUENCE app.order_seq;
CREATE TABLE app.orders (id bigint DEFAULT nextval(('app.order_seq'::text)::regclass) NOT NULL);
