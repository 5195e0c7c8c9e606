CREATE TYPE public.kind AS ENUM ('a', 'b');

CREATE SEQUENCE public.ref_seq;

CREATE TABLE public.parents (
    id integer PRIMARY KEY
);

CREATE TABLE public.children (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES public.parents (id),
    kind public.kind NOT NULL DEFAULT 'a'::public.kind,
    ref bigint DEFAULT nextval('public.ref_seq'::regclass)
);

CREATE INDEX children_parent_idx ON public.children USING btree (parent_id);

COMMENT ON TABLE public.children IS 'kids';
